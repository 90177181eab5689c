import type { Metadata } from "next";
import Link from "next/link";
import { formatUtc } from "@/components/dashboard/payments-table";
import { cellClass, EmptyState, linkButtonClass, PageTitle, Table } from "@/components/dashboard/ui";
import { dashboardContext } from "@/lib/dashboard/context";
import { firstValues, type SearchParams } from "@/lib/dashboard/search-params";
import { db } from "@/lib/db/client";
import { isId } from "@/lib/ids";
import { formatMoney } from "@/lib/money";
import { listConnections } from "@/lib/wallet/list-wallet-objects";

export const metadata: Metadata = { title: "Customers" };

const PAGE_SIZE = 25;

/** Wallet customers (connections), newest first, with their balance and plan. */
export default async function CustomersPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const { scope } = await dashboardContext();
  const { before } = firstValues(await searchParams);
  const rows = await listConnections(db(), scope, {
    take: PAGE_SIZE + 1,
    before: before && isId("connection", before) ? before : undefined,
  });
  const customers = rows.slice(0, PAGE_SIZE);
  return (
    <div className="space-y-4">
      <PageTitle lead="Customers with a wallet: made by their first wallet checkout (onboarding or subscription).">
        Customers
      </PageTitle>
      {customers.length === 0 ? (
        <EmptyState>
          No {scope.mode} wallet customers yet. Create a wallet checkout session (POST /v1/checkout_sessions with
          checkout_mode onboarding) and open it: the customer appears here once they pay.
        </EmptyState>
      ) : (
        <Table head={["Customer", "Balance", "Plan", "Since"]} testId="customers">
          {customers.map((customer) => (
            <tr key={customer.id} data-testid="customer-row">
              <td className={cellClass}>
                <Link href={`/dashboard/customers/${customer.id}`} className="font-medium text-brand hover:underline">
                  {[customer.firstName, customer.lastName].filter(Boolean).join(" ") || customer.id}
                </Link>
                <span className="block text-slate-600">{customer.email ?? customer.phone}</span>
              </td>
              <td className={`${cellClass} tabular-nums`}>
                {formatMoney(customer.balances.wallet, customer.currency)}
              </td>
              <td className={cellClass}>{customer.subscriptions[0]?.subscriptionConfig.name ?? "—"}</td>
              <td className={`${cellClass} whitespace-nowrap`}>{formatUtc(customer.createdAt)}</td>
            </tr>
          ))}
        </Table>
      )}
      {rows.length > PAGE_SIZE ? (
        <Link href={`/dashboard/customers?before=${customers.at(-1)?.id}`} className={linkButtonClass}>
          Older →
        </Link>
      ) : null}
    </div>
  );
}
