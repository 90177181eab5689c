import type { Metadata } from "next";
import Link from "next/link";
import { EventList } from "@/components/dashboard/event-list";
import { CodeBlock, PageTitle, Section } from "@/components/dashboard/ui";
import { orNotFound } from "@/lib/dashboard/action";
import { dashboardContext } from "@/lib/dashboard/context";
import { db } from "@/lib/db/client";
import { eventsWithDeliveries } from "@/lib/reports/events";
import { getEventOrThrow } from "@/lib/webhooks/get-webhook-objects";
import { resendDelivery } from "../../actions";

export const metadata: Metadata = { title: "Event" };

/** One event: the exact body its endpoints receive, and its deliveries. */
export default async function EventPage({ params }: { params: Promise<{ id: string }> }) {
  const { scope, user } = await dashboardContext();
  const { id } = await params;
  const event = await orNotFound(getEventOrThrow(db(), scope, id));
  const withDeliveries = await eventsWithDeliveries(db(), scope, { ids: [event.id], take: 1 });
  return (
    <div className="space-y-4">
      <Link href="/dashboard/developers/events" className="text-sm text-brand hover:underline">
        ← Event log
      </Link>
      <PageTitle lead={<span className="font-mono">{event.id}</span>}>{event.type}</PageTitle>
      <Section title="Deliveries">
        <EventList events={withDeliveries} resend={user.role === "owner" ? resendDelivery : undefined} />
      </Section>
      <Section title="Body">
        <CodeBlock tall testId="event-body">
          {JSON.stringify(JSON.parse(event.payload), null, 2)}
        </CodeBlock>
      </Section>
    </div>
  );
}
