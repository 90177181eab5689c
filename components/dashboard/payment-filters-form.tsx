import Link from "next/link";
import { PAYMENT_FAMILIES, PAYMENT_STATUSES } from "@/lib/schemas/payment-filters";
import { FAMILY_LABELS } from "./payments-table";
import { Field, inputClass, SelectField } from "./ui";

/** A plain GET form: the filters live in the URL, so a filtered list can be shared, bookmarked and exported. */
export function PaymentFiltersForm({ query, error }: { query: Record<string, string>; error?: string }) {
  return (
    <form method="get" action="/dashboard/payments" className="space-y-3 rounded-lg bg-white p-4 ring-1 ring-slate-200">
      <div className="flex flex-col gap-2 sm:flex-row">
        <label className="sr-only" htmlFor="payments-search">
          Search payments
        </label>
        <input
          id="payments-search"
          type="search"
          name="q"
          defaultValue={query.q}
          placeholder="Search by id, reference or customer e-mail"
          className={`${inputClass} mt-0 flex-1`}
        />
        <button
          type="submit"
          className="rounded-md bg-brand px-4 py-1.5 text-sm font-semibold text-white hover:bg-brand-dark focus:outline-none focus-visible:ring-2 focus-visible:ring-brand focus-visible:ring-offset-2"
        >
          Search
        </button>
      </div>
      <div className="grid grid-cols-2 gap-3 md:grid-cols-4 lg:grid-cols-7">
        <SelectField
          label="Family"
          id="filter-family"
          name="family"
          defaultValue={query.family ?? ""}
          options={[["", "All"], ...PAYMENT_FAMILIES.map((family) => [family, FAMILY_LABELS[family]] as const)]}
        />
        <SelectField
          label="Status"
          id="filter-status"
          name="status"
          defaultValue={query.status ?? ""}
          options={[["", "All"], ...PAYMENT_STATUSES]}
        />
        <Field label="From (UTC)" id="filter-from">
          <input type="date" id="filter-from" name="from" defaultValue={query.from} className={inputClass} />
        </Field>
        <Field label="To (UTC)" id="filter-to">
          <input type="date" id="filter-to" name="to" defaultValue={query.to} className={inputClass} />
        </Field>
        <Field label="Currency" id="filter-currency">
          <input
            id="filter-currency"
            name="currency"
            defaultValue={query.currency}
            placeholder="USD"
            maxLength={3}
            className={inputClass}
          />
        </Field>
        <Field label="Min amount" id="filter-min">
          <input
            id="filter-min"
            name="min"
            inputMode="decimal"
            defaultValue={query.min}
            placeholder="0.00"
            className={inputClass}
          />
        </Field>
        <Field label="Max amount" id="filter-max">
          <input
            id="filter-max"
            name="max"
            inputMode="decimal"
            defaultValue={query.max}
            placeholder="100.00"
            className={inputClass}
          />
        </Field>
      </div>
      {error ? (
        <p role="alert" data-testid="filters-error" className="text-sm font-medium text-red-800">
          {error}
        </p>
      ) : null}
      <div className="flex gap-3 text-sm">
        <button type="submit" className="font-semibold text-brand hover:underline">
          Apply filters
        </button>
        <Link href="/dashboard/payments" className="text-slate-700 hover:underline">
          Clear
        </Link>
      </div>
    </form>
  );
}
