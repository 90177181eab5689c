import type { Metadata } from "next";
import Link from "next/link";
import { EventList } from "@/components/dashboard/event-list";
import { linkButtonClass, PageTitle, Section, SelectField } from "@/components/dashboard/ui";
import { dashboardContext } from "@/lib/dashboard/context";
import { firstValues, type SearchParams, withQuery } from "@/lib/dashboard/search-params";
import { db } from "@/lib/db/client";
import { EVENT_TYPE_NAMES } from "@/lib/event-types";
import { isId } from "@/lib/ids";
import { eventsWithDeliveries } from "@/lib/reports/events";
import { resendDelivery } from "../actions";

export const metadata: Metadata = { title: "Event log" };

const PAGE_SIZE = 25;

/** Every event of this mode, newest first, by type; older pages by keyset (the last id shown). */
export default async function EventLogPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const { scope, user } = await dashboardContext();
  const query = firstValues(await searchParams);
  const type = EVENT_TYPE_NAMES.find((name) => name === query.type);
  const before = query.before && isId("event", query.before) ? query.before : undefined;
  const rows = await eventsWithDeliveries(db(), scope, { type, before, take: PAGE_SIZE + 1 });
  const events = rows.slice(0, PAGE_SIZE);
  return (
    <div className="space-y-4">
      <Link href="/dashboard/developers" className="text-sm text-brand hover:underline">
        ← Developers
      </Link>
      <PageTitle lead="Kept for 30 days, like GET /api/v1/events.">Event log</PageTitle>
      <form method="get" className="flex flex-wrap items-end gap-2">
        <SelectField
          label="Type"
          id="event-type"
          name="type"
          defaultValue={type ?? ""}
          options={[["", "All types"], ...EVENT_TYPE_NAMES]}
        />
        <button type="submit" className={linkButtonClass}>
          Show
        </button>
      </form>
      <Section title="Events">
        <EventList events={events} resend={user.role === "owner" ? resendDelivery : undefined} />
      </Section>
      <nav aria-label="Pages" className="flex justify-between">
        {before ? (
          <Link
            href={withQuery("/dashboard/developers/events", query, { before: undefined })}
            className={linkButtonClass}
          >
            ← Newest
          </Link>
        ) : (
          <span />
        )}
        {rows.length > PAGE_SIZE ? (
          <Link
            href={withQuery("/dashboard/developers/events", query, { before: events.at(-1)?.id })}
            className={linkButtonClass}
          >
            Older →
          </Link>
        ) : null}
      </nav>
    </div>
  );
}
