import Link from "next/link";
import { formatMoney } from "@/lib/money";
import type { PaymentRow } from "@/lib/reports/list-payments";
import type { PaymentFamily, PaymentStatus } from "@/lib/schemas/payment-filters";

export const FAMILY_LABELS: Record<PaymentFamily, string> = { wallet: "Wallet", crypto: "Crypto", card: "Card" };

const STATUS_STYLES: Record<PaymentStatus, string> = {
  open: "bg-slate-100 text-slate-800",
  processing: "bg-sky-100 text-sky-900",
  succeeded: "bg-emerald-100 text-emerald-900",
  failed: "bg-red-100 text-red-900",
  expired: "bg-slate-100 text-slate-700",
  canceled: "bg-slate-100 text-slate-700",
  refunded: "bg-violet-100 text-violet-900",
};

export const formatUtc = (at: Date) => `${at.toISOString().slice(0, 16).replace("T", " ")} UTC`;

export function StatusBadge({ status, native }: { status: PaymentStatus; native?: string }) {
  return (
    <span
      className={`inline-block rounded-full px-2 py-0.5 text-xs font-semibold ${STATUS_STYLES[status]}`}
      title={native ? `${native} in the family's own words` : undefined}
    >
      {status}
    </span>
  );
}

/** The payments of every family in one table; each row links to its detail page. */
export function PaymentsTable({ rows }: { rows: PaymentRow[] }) {
  return (
    <div className="overflow-x-auto rounded-lg bg-white ring-1 ring-slate-200">
      <table className="w-full text-left text-sm">
        <thead className="border-b border-slate-200 text-xs uppercase tracking-wide text-slate-600">
          <tr>
            <th scope="col" className="px-3 py-2">
              Amount
            </th>
            <th scope="col" className="px-3 py-2">
              Status
            </th>
            <th scope="col" className="px-3 py-2">
              Payment
            </th>
            <th scope="col" className="px-3 py-2">
              Customer
            </th>
            <th scope="col" className="px-3 py-2">
              Created
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr
              key={`${row.family}:${row.id}`}
              className="border-b border-slate-100 last:border-0"
              data-testid="payment-row"
            >
              <td className="whitespace-nowrap px-3 py-2 font-medium tabular-nums">
                {row.amount === null ? "—" : formatMoney(row.amount, row.currency)}
              </td>
              <td className="px-3 py-2">
                <StatusBadge status={row.status} native={row.nativeStatus} />
              </td>
              <td className="px-3 py-2">
                <Link
                  href={`/dashboard/payments/${row.family}/${row.id}`}
                  className="font-medium text-brand underline-offset-2 hover:underline focus:outline-none focus-visible:ring-2 focus-visible:ring-brand"
                >
                  {row.description}
                </Link>
                <span className="block text-xs text-slate-600">
                  {FAMILY_LABELS[row.family]} · <span className="font-mono">{row.id}</span>
                </span>
              </td>
              <td className="px-3 py-2 text-slate-700">{row.email ?? "—"}</td>
              <td className="whitespace-nowrap px-3 py-2 text-slate-700">{formatUtc(row.createdAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
