import type { Metadata } from "next";
import Link from "next/link";
import { ActionForm } from "@/components/dashboard/action-form";
import { EventTypeChoices } from "@/components/dashboard/event-type-choices";
import { formatUtc } from "@/components/dashboard/payments-table";
import { CodeBlock, EmptyState, PageTitle, Section, TextField } from "@/components/dashboard/ui";
import { orNotFound } from "@/lib/dashboard/action";
import { dashboardContext } from "@/lib/dashboard/context";
import { db } from "@/lib/db/client";
import { endpointDeliveryLog } from "@/lib/reports/events";
import { getWebhookEndpointOrThrow } from "@/lib/webhooks/get-webhook-objects";
import { resendDelivery, rotateSecret, sendTest, setEndpointStatus, updateEndpoint } from "../../actions";

export const metadata: Metadata = { title: "Webhook endpoint" };

/** The newest deliveries shown; the API pages through all of them. */
const DELIVERIES_SHOWN = 50;

export default async function WebhookEndpointPage({ params }: { params: Promise<{ id: string }> }) {
  const { scope, user } = await dashboardContext();
  const { id } = await params;
  const endpoint = await orNotFound(getWebhookEndpointOrThrow(db(), scope, id));
  const deliveries = await endpointDeliveryLog(db(), endpoint.id, DELIVERIES_SHOWN);
  const canAct = user.role === "owner";
  const ids = { id: endpoint.id };
  return (
    <div className="space-y-4">
      <Link href="/dashboard/developers" className="text-sm text-brand hover:underline">
        ← Developers
      </Link>
      <PageTitle lead={<span className="break-all">{endpoint.url}</span>}>Webhook endpoint</PageTitle>
      <p className="text-sm" data-testid="endpoint-status">
        Status: <strong>{endpoint.status}</strong>
        {endpoint.disabledReason ? ` (${endpoint.disabledReason})` : null}
        {endpoint.previousSecretExpiresAt && endpoint.previousSecretExpiresAt > new Date()
          ? ` · the previous secret also signs until ${formatUtc(endpoint.previousSecretExpiresAt)}`
          : null}
      </p>

      {canAct ? (
        <Section title="Actions">
          <div className="flex flex-wrap items-start gap-6">
            <ActionForm action={sendTest} label="Send test event" tone="plain" hidden={ids} />
            <ActionForm action={rotateSecret} label="Rotate secret" tone="plain" hidden={ids} testId="rotate-secret" />
            {endpoint.status === "enabled" ? (
              <ActionForm
                action={setEndpointStatus}
                label="Disable"
                tone="danger"
                hidden={{ ...ids, status: "disabled" }}
              />
            ) : (
              <ActionForm action={setEndpointStatus} label="Enable" hidden={{ ...ids, status: "enabled" }} />
            )}
          </div>
        </Section>
      ) : null}

      <Section title="Settings">
        {canAct ? (
          <ActionForm action={updateEndpoint} label="Save" hidden={ids} testId="endpoint-form">
            <TextField label="URL" name="url" idPrefix="endpoint-" type="url" required defaultValue={endpoint.url} />
            <TextField
              label="Description"
              name="description"
              idPrefix="endpoint-"
              defaultValue={endpoint.description ?? ""}
            />
            <EventTypeChoices idPrefix="endpoint" selected={endpoint.eventTypes} />
          </ActionForm>
        ) : (
          <p className="text-sm">
            {endpoint.description ?? "No description."} Events:{" "}
            {endpoint.eventTypes.length ? endpoint.eventTypes.join(", ") : "every event"}.
          </p>
        )}
      </Section>

      <Section title="Delivery log" testId="delivery-log">
        {deliveries.length === 0 ? (
          <EmptyState>Nothing sent yet. Send a test event to see a delivery here.</EmptyState>
        ) : (
          <ul className="space-y-2">
            {deliveries.map((delivery) => (
              <li key={delivery.id} data-testid="delivery">
                <details className="rounded-md ring-1 ring-slate-200">
                  <summary className="flex cursor-pointer flex-wrap gap-x-3 px-3 py-2 text-sm">
                    <span className="font-mono text-xs">{delivery.event.type}</span>
                    <span data-testid="delivery-status">
                      {delivery.status} · {delivery.attemptCount} attempt{delivery.attemptCount === 1 ? "" : "s"}
                    </span>
                    <span className="text-slate-600">{formatUtc(delivery.createdAt)}</span>
                  </summary>
                  <div className="space-y-3 border-t border-slate-200 p-3 text-sm">
                    <div>
                      <h3 className="font-semibold">Request</h3>
                      <p className="text-slate-700">
                        POST {endpoint.url} · webhook-id {delivery.eventId}
                      </p>
                      <CodeBlock>{prettyJson(delivery.event.payload)}</CodeBlock>
                    </div>
                    <div>
                      <h3 className="font-semibold">Responses</h3>
                      {delivery.attempts.length === 0 ? (
                        <p className="text-slate-700">Not attempted yet.</p>
                      ) : (
                        <ol className="space-y-2">
                          {delivery.attempts.map((attempt) => (
                            <li key={attempt.id}>
                              <p>
                                {formatUtc(attempt.attemptedAt)} ·{" "}
                                <strong>{attempt.responseStatus ?? "no answer"}</strong> · {attempt.durationMs} ms
                                {attempt.error ? ` · ${attempt.error}` : null}
                              </p>
                              {attempt.responseBody ? <CodeBlock>{attempt.responseBody}</CodeBlock> : null}
                            </li>
                          ))}
                        </ol>
                      )}
                    </div>
                    {canAct ? (
                      <ActionForm
                        action={resendDelivery}
                        label="Re-send"
                        tone="plain"
                        hidden={{ endpoint: endpoint.id, delivery: delivery.id }}
                      />
                    ) : null}
                  </div>
                </details>
              </li>
            ))}
          </ul>
        )}
      </Section>
    </div>
  );
}

const prettyJson = (payload: string) => JSON.stringify(JSON.parse(payload), null, 2);
