import type { Metadata } from "next";
import Link from "next/link";
import { ActionForm } from "@/components/dashboard/action-form";
import { EventTypeChoices } from "@/components/dashboard/event-type-choices";
import { formatUtc } from "@/components/dashboard/payments-table";
import { cellClass, EmptyState, PageTitle, Section, Table, TextField } from "@/components/dashboard/ui";
import { cryptoSettings } from "@/lib/crypto/crypto-settings";
import { dashboardContext } from "@/lib/dashboard/context";
import { db } from "@/lib/db/client";
import { listApiKeys } from "@/lib/merchants/list-api-keys";
import { listWebhookEndpoints } from "@/lib/webhooks/get-webhook-objects";
import { MAX_WEBHOOK_ENDPOINTS } from "@/lib/webhooks/save-webhook-endpoint";
import { createEndpoint, createKey, revokeKey, saveCryptoSettings } from "./actions";

export const metadata: Metadata = { title: "Developers" };

/** The most keys the page lists; a merchant with more revokes through the API or the CLI. */
const KEYS_SHOWN = 100;

export default async function DevelopersPage() {
  const { scope, user } = await dashboardContext();
  const canAct = user.role === "owner";
  const [keys, endpoints, crypto] = await Promise.all([
    listApiKeys(db(), scope, { take: KEYS_SHOWN }),
    listWebhookEndpoints(db(), scope, { take: MAX_WEBHOOK_ENDPOINTS }),
    cryptoSettings(db(), scope),
  ]);
  return (
    <div className="space-y-4">
      <PageTitle lead={`Keys, endpoints and settings of ${scope.mode} mode.`}>Developers</PageTitle>
      <p className="text-sm">
        <Link href="/dashboard/developers/events" className="font-medium text-brand hover:underline">
          Event log →
        </Link>
      </p>

      <Section title="API keys" testId="api-keys">
        {keys.length === 0 ? (
          <EmptyState>
            No {scope.mode} keys. Create one to call the API in {scope.mode} mode.
          </EmptyState>
        ) : (
          <Table head={["Key", "Name", "Created", "Last used", "State", ""]}>
            {keys.map((key) => (
              <tr key={key.id} data-testid="api-key-row">
                <td className={`${cellClass} font-mono`}>{key.redacted}</td>
                <td className={cellClass}>{key.name ?? "—"}</td>
                <td className={`${cellClass} whitespace-nowrap`}>{formatUtc(key.createdAt)}</td>
                <td className={`${cellClass} whitespace-nowrap`}>
                  {key.lastUsedAt ? formatUtc(key.lastUsedAt) : "never"}
                </td>
                <td className={cellClass}>{key.revokedAt ? `revoked ${formatUtc(key.revokedAt)}` : "active"}</td>
                <td className={cellClass}>
                  {canAct && !key.revokedAt ? (
                    <ActionForm
                      action={revokeKey}
                      label={`Revoke ${key.redacted}`}
                      tone="danger"
                      hidden={{ id: key.id }}
                    />
                  ) : null}
                </td>
              </tr>
            ))}
          </Table>
        )}
        {canAct ? (
          <div className="mt-4 max-w-md">
            <ActionForm action={createKey} label="Create key" testId="create-key">
              <TextField label="Name (optional)" name="name" idPrefix="key-" placeholder="production server" />
            </ActionForm>
          </div>
        ) : null}
      </Section>

      <Section title="Webhook endpoints" testId="webhook-endpoints">
        {endpoints.length === 0 ? (
          <EmptyState>No endpoints: add one to be told when a payment completes, fails or is refunded.</EmptyState>
        ) : (
          <Table head={["URL", "Events", "State"]}>
            {endpoints.map((endpoint) => (
              <tr key={endpoint.id}>
                <td className={`${cellClass} break-all`}>
                  <Link href={`/dashboard/developers/webhooks/${endpoint.id}`} className="text-brand hover:underline">
                    {endpoint.url}
                  </Link>
                </td>
                <td className={cellClass}>
                  {endpoint.eventTypes.length ? endpoint.eventTypes.join(", ") : "every event"}
                </td>
                <td className={cellClass}>{endpoint.status}</td>
              </tr>
            ))}
          </Table>
        )}
        {canAct ? (
          <div className="mt-4 max-w-2xl">
            <ActionForm action={createEndpoint} label="Add endpoint" testId="create-endpoint">
              <TextField
                label="URL"
                name="url"
                idPrefix="new-endpoint-"
                type="url"
                required
                placeholder="https://example.com/hooks"
              />
              <TextField label="Description (optional)" name="description" idPrefix="new-endpoint-" />
              <EventTypeChoices idPrefix="new-endpoint" />
            </ActionForm>
          </div>
        ) : null}
      </Section>

      <Section title="Crypto settings" testId="crypto-settings">
        <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-[max-content_1fr]">
          <dt className="font-medium text-slate-600">Network</dt>
          <dd>
            {crypto.network.name} (chain {crypto.network.chainId}), {crypto.network.confirmations} confirmations,{" "}
            {crypto.network.watched ? "watched" : "not watched (no RPC URL set)"}
          </dd>
          <dt className="font-medium text-slate-600">Extended public key</dt>
          <dd className="break-all font-mono text-xs">{crypto.xpub ?? "none: crypto checkout is off in this mode"}</dd>
          <dt className="font-medium text-slate-600">Next deposit address</dt>
          <dd className="break-all font-mono text-xs" data-testid="next-address">
            {crypto.nextAddress ?? "—"} {crypto.xpub ? `(${crypto.addressesUsed} used)` : null}
          </dd>
          <dt className="font-medium text-slate-600">Assets</dt>
          <dd>{crypto.assets.join(", ") || "—"}</dd>
        </dl>
        {canAct ? (
          <div className="mt-4 max-w-2xl">
            <ActionForm action={saveCryptoSettings} label="Save key" testId="crypto-form">
              <TextField
                label="Extended public key (xpub)"
                name="xpub"
                idPrefix="crypto-"
                required
                defaultValue={crypto.xpub ?? ""}
                hint={`Deposit addresses derive from it (${crypto.derivationPath}); the private key never comes here.`}
              />
            </ActionForm>
          </div>
        ) : null}
      </Section>
    </div>
  );
}
