import type { Metadata } from "next";
import Link from "next/link";
import { ActionForm } from "@/components/dashboard/action-form";
import { formatUtc } from "@/components/dashboard/payments-table";
import { cellClass, EmptyState, PageTitle, Section, Table } from "@/components/dashboard/ui";
import { orNotFound } from "@/lib/dashboard/action";
import { dashboardContext } from "@/lib/dashboard/context";
import { db } from "@/lib/db/client";
import { formatMoney } from "@/lib/money";
import { customerDetail, LEDGER_SHOWN } from "@/lib/reports/customers";
import { cancelCustomerSubscription } from "../actions";

export const metadata: Metadata = { title: "Customer" };

const ACCOUNT_LABELS = { wallet: "Wallet", cycle_credit: "Plan credit", bundle_credit: "Bundle credit" } as const;

export default async function CustomerPage({ params }: { params: Promise<{ id: string }> }) {
  const { scope, user } = await dashboardContext();
  const { id } = await params;
  const { connection, ledger, subscriptions } = await orNotFound(customerDetail(db(), scope, id));
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
                  <td className={cellClass}>{entry.reason.replace("_", " ")}</td>
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
