import type { Metadata } from "next";
import Link from "next/link";
import { PaymentFiltersForm } from "@/components/dashboard/payment-filters-form";
import { PaymentsTable } from "@/components/dashboard/payments-table";
import { linkButtonClass } from "@/components/dashboard/ui";
import { dashboardContext } from "@/lib/dashboard/context";
import { firstValues, type SearchParams, withQuery } from "@/lib/dashboard/search-params";
import { db } from "@/lib/db/client";
import { listPayments } from "@/lib/reports/list-payments";
import { paymentFilters } from "@/lib/schemas/payment-filters";

export const metadata: Metadata = { title: "Payments" };

export default async function PaymentsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const { scope } = await dashboardContext();
  const query = firstValues(await searchParams);
  const parsed = paymentFilters.safeParse(query);
  const page = parsed.success ? await listPayments(db(), scope, parsed.data) : undefined;
  const filtersOnly = { ...query, after: "", before: "" };
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h1 className="text-2xl font-semibold">Payments</h1>
        {parsed.success ? (
          <a href={withQuery("/dashboard/payments-export", filtersOnly, {})} className={linkButtonClass} download>
            Export CSV
          </a>
        ) : null}
      </div>
      <PaymentFiltersForm query={query} error={parsed.success ? undefined : parsed.error.issues[0]?.message} />
      {page && page.rows.length > 0 ? (
        <>
          <PaymentsTable rows={page.rows} />
          <nav aria-label="Pages" className="flex justify-between">
            {page.previous ? (
              <Link
                href={withQuery("/dashboard/payments", filtersOnly, { before: page.previous })}
                className={linkButtonClass}
              >
                ← Newer
              </Link>
            ) : (
              <span />
            )}
            {page.next ? (
              <Link
                href={withQuery("/dashboard/payments", filtersOnly, { after: page.next })}
                className={linkButtonClass}
              >
                Older →
              </Link>
            ) : null}
          </nav>
        </>
      ) : page ? (
        <p className="rounded-lg bg-white p-6 text-slate-700 ring-1 ring-slate-200" data-testid="payments-empty">
          {Object.values(filtersOnly).some(Boolean)
            ? "No payment matches these filters."
            : `No ${scope.mode} payments yet. Create a payment link, or create a session through the API with a ${scope.mode} key.`}
        </p>
      ) : null}
    </div>
  );
}
