import "server-only";
import type { BillingInterval } from "@/lib/generated/prisma/enums";

/**
 * The end of a billing cycle that starts at `start`. Months and years keep the
 * day of the month where it exists and clamp to the month's last day where it
 * does not (Jan 31 → Feb 28/29), as card subscriptions usually do. UTC.
 */
export const cycleEnd = (start: Date, interval: BillingInterval): Date => {
  const end = new Date(start);
  switch (interval) {
    case "day":
      end.setUTCDate(end.getUTCDate() + 1);
      return end;
    case "week":
      end.setUTCDate(end.getUTCDate() + 7);
      return end;
    case "month":
      return addMonths(start, 1);
    case "year":
      return addMonths(start, 12);
  }
};

const addMonths = (start: Date, months: number) => {
  const end = new Date(start);
  end.setUTCDate(1);
  end.setUTCMonth(end.getUTCMonth() + months);
  const lastDay = new Date(Date.UTC(end.getUTCFullYear(), end.getUTCMonth() + 1, 0)).getUTCDate();
  end.setUTCDate(Math.min(start.getUTCDate(), lastDay));
  return end;
};
