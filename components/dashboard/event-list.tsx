import Link from "next/link";
import type { EventWithDeliveries } from "@/lib/reports/events";
import { ActionForm, type FormAction } from "./action-form";
import { formatUtc } from "./payments-table";

/**
 * Events, newest first, each with its webhook deliveries; with `resend` (an
 * owner's) each delivery can be sent again. `hidden` goes with every re-send.
 */
export function EventList({
  events,
  resend,
  hidden = {},
}: {
  events: EventWithDeliveries[];
  resend?: FormAction;
  hidden?: Record<string, string>;
}) {
  if (events.length === 0) return <p className="text-sm text-slate-700">No events yet.</p>;
  return (
    <ul className="space-y-3 text-sm" data-testid="payment-events">
      {events.map((event) => (
        <li key={event.id}>
          <p className="font-medium">
            {event.type}{" "}
            <span className="font-normal text-slate-600">
              · {formatUtc(event.createdAt)} ·{" "}
              <Link href={`/dashboard/developers/events/${event.id}`} className="text-brand hover:underline">
                {event.id}
              </Link>
            </span>
          </p>
          {event.deliveries.length === 0 ? (
            <p className="text-slate-600">No endpoint subscribed to it.</p>
          ) : (
            <ul className="mt-1 space-y-1">
              {event.deliveries.map((delivery) => (
                <li key={delivery.id} className="flex flex-wrap items-center gap-x-3 gap-y-1" data-testid="delivery">
                  <Link
                    href={`/dashboard/developers/webhooks/${delivery.endpointId}`}
                    className="break-all text-brand hover:underline"
                  >
                    {delivery.url}
                  </Link>
                  <span data-testid="delivery-status">
                    {delivery.status} · {delivery.attemptCount} attempt{delivery.attemptCount === 1 ? "" : "s"} · last
                    answer {delivery.lastResponse}
                  </span>
                  {resend ? (
                    <ActionForm
                      action={resend}
                      label="Re-send"
                      tone="plain"
                      hidden={{ ...hidden, endpoint: delivery.endpointId, delivery: delivery.id }}
                    />
                  ) : null}
                </li>
              ))}
            </ul>
          )}
        </li>
      ))}
    </ul>
  );
}
