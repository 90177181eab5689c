import type { Metadata } from "next";
import Link from "next/link";
import { ActionForm } from "@/components/dashboard/action-form";
import { formatUtc } from "@/components/dashboard/payments-table";
import { cellClass, EmptyState, PageTitle, Section, Table } from "@/components/dashboard/ui";
import { orNotFound } from "@/lib/dashboard/action";
import { dashboardContext } from "@/lib/dashboard/context";
import { db } from "@/lib/db/client";
import { formatMoney } from "@/lib/money";
import { customerDetail, LEDGER_SHOWN, REQUESTS_SHOWN } from "@/lib/reports/customers";
import { decimalText } from "@/lib/wallet/wallet-json";
import { cancelCustomerSubscription } from "../actions";

export const metadata: Metadata = { title: "Customer" };

const ACCOUNT_LABELS = { wallet: "Wallet", cycle_credit: "Plan credit", bundle_credit: "Bundle credit" } as const;

export default async function CustomerPage({ params }: { params: Promise<{ id: string }> }) {
  const { scope, user } = await dashboardContext();
  const { id } = await params;
  const { connection, ledger, subscriptions, requests, usageThisMonth } = await orNotFound(
    customerDetail(db(), scope, id),
  );
  // Metered amounts are exact to 12 places: shown as recorded, not rounded to cents.
  const exact = (amount: string) => `${amount} ${connection.currency}`;
  const money = (minor: bigint) => formatMoney(minor, connection.currency);
  const name = [connection.firstName, connection.lastName].filter(Boolean).join(" ") || connection.id;
  return (
    <div className="space-y-4">
      <Link href="/dashboard/customers" className="text-sm text-brand hover:underline">
        ← Customers
      </Link>
      <PageTitle lead={<span className="font-mono">{connection.id}</span>}>{name}</PageTitle>

      <Section title="Balances" testId="balances">
        <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-[max-content_1fr]">
          {(Object.keys(ACCOUNT_LABELS) as (keyof typeof ACCOUNT_LABELS)[]).map((account) => (
            <div key={account} className="contents">
              <dt className="font-medium text-slate-600">{ACCOUNT_LABELS[account]}</dt>
              <dd className="tabular-nums">{money(connection.balances[account])}</dd>
            </div>
          ))}
          <dt className="font-medium text-slate-600">Contact</dt>
          <dd className="break-all">{[connection.email, connection.phone].filter(Boolean).join(" · ") || "—"}</dd>
        </dl>
      </Section>

      <Section title="Subscriptions" testId="subscriptions">
        {subscriptions.length === 0 ? (
          <p className="text-sm text-slate-700">No subscription.</p>
        ) : (
          <ul className="space-y-3 text-sm">
            {subscriptions.map((subscription) => (
              <li
                key={subscription.id}
                className="flex flex-wrap items-start justify-between gap-3"
                data-testid="subscription"
              >
                <div>
                  <p className="font-medium">
                    {subscription.subscriptionConfig.name} · {money(subscription.subscriptionConfig.periodAmount)} per{" "}
                    {subscription.subscriptionConfig.billingInterval}
                  </p>
                  <p className="text-slate-700" data-testid="subscription-status">
                    {subscription.status}
                    {subscription.status === "active"
                      ? ` · this cycle ends ${formatUtc(subscription.cycleEndAt)}`
                      : subscription.cancelledAt
                        ? ` · ${formatUtc(subscription.cancelledAt)}`
                        : null}
                  </p>
                </div>
                {user.role === "owner" && subscription.status === "active" ? (
                  <ActionForm
                    action={cancelCustomerSubscription}
                    label="Cancel subscription"
                    tone="danger"
                    hidden={{ id: subscription.id }}
                  />
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </Section>

      <Section title="Metered usage this month" testId="usage">
        <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-[max-content_1fr]">
          <dt className="font-medium text-slate-600">Requests</dt>
          <dd className="tabular-nums" data-testid="usage-requests">
            {usageThisMonth.total_requests} ({usageThisMonth.total_usage_tokens} tokens)
          </dd>
          <dt className="font-medium text-slate-600">Paid by the customer</dt>
          <dd className="tabular-nums" data-testid="usage-wallet">
            {exact(usageThisMonth.total_wallet_cost)}
          </dd>
          <dt className="font-medium text-slate-600">Borne by you</dt>
          <dd className="tabular-nums">{exact(usageThisMonth.total_merchant_cost)}</dd>
        </dl>
        {requests.length === 0 ? (
          <EmptyState>No metered requests.</EmptyState>
        ) : (
          <div className="mt-3">
            <Table head={["When", "Request", "Meter", "Tokens", "Customer paid", "You bore"]}>
              {requests.map((request) => (
                <tr key={request.id} data-testid="metered-request">
                  <td className={`${cellClass} whitespace-nowrap`}>{formatUtc(request.createdAt)}</td>
                  <td className={`${cellClass} break-all font-mono`}>{request.requestId}</td>
                  <td className={cellClass}>{request.meterName}</td>
                  <td className={`${cellClass} tabular-nums`}>{String(request.inputTokens + request.outputTokens)}</td>
                  <td className={`${cellClass} tabular-nums`}>{exact(decimalText(request.walletCost))}</td>
                  <td className={`${cellClass} tabular-nums`}>{exact(decimalText(request.merchantCost))}</td>
                </tr>
              ))}
            </Table>
            {requests.length === REQUESTS_SHOWN ? (
              <p className="mt-2 text-xs text-slate-600">The newest {REQUESTS_SHOWN} requests.</p>
            ) : null}
          </div>
        )}
      </Section>

      <Section title="Ledger" testId="ledger">
        {ledger.length === 0 ? (
          <EmptyState>No entries.</EmptyState>
        ) : (
          <>
            <Table head={["When", "Account", "Reason", "Amount", "Balance after"]}>
              {ledger.map((entry) => (
                <tr key={entry.id} data-testid="ledger-entry">
                  <td className={`${cellClass} whitespace-nowrap`}>{formatUtc(entry.createdAt)}</td>
                  <td className={cellClass}>{ACCOUNT_LABELS[entry.account]}</td>
                  <td className={cellClass}>{entry.reason.replaceAll("_", " ")}</td>
                  <td className={`${cellClass} tabular-nums`}>
                    {entry.amount > 0n ? "+" : ""}
                    {money(entry.amount)}
                  </td>
                  <td className={`${cellClass} tabular-nums`}>{money(entry.balanceAfter)}</td>
                </tr>
              ))}
            </Table>
            {ledger.length === LEDGER_SHOWN ? (
              <p className="mt-2 text-xs text-slate-600">The newest {LEDGER_SHOWN} entries.</p>
            ) : null}
          </>
        )}
      </Section>
    </div>
  );
}
