import type { Prisma } from "@/lib/generated/prisma/client";
import { UNRESOLVED_CHARGE } from "@/lib/payments/charge-provider";

// When a card session may be taken by a payment attempt or by the expiry
// sweep, as a query both use. A payment whose outcome is not yet known (a
// charge still pending or unknown) keeps its session from both, whatever its
// claim's deadline says.

/**
 * What a session must be for a new attempt to claim it: PENDING, or
 * PROCESSING with a claim that ran out and no charge whose outcome is unknown.
 */
export const claimableCardSession = (now: Date): Prisma.CardSessionWhereInput => ({
  OR: [
    { status: "PENDING" },
    {
      status: "PROCESSING",
      processingUntil: { lte: now },
      charges: { none: UNRESOLVED_CHARGE },
    },
  ],
});
