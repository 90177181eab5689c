import type { ReactNode } from "react";

type Props = { merchantName: string; title: string; testMode: boolean; children: ReactNode };

/** The shell of every hosted checkout page: who is asking for money, and what for. */
export function CheckoutFrame({ merchantName, title, testMode, children }: Props) {
  return (
    <main className="flex min-h-screen items-start justify-center px-4 py-8 sm:py-16">
      <div className="w-full max-w-md rounded-2xl bg-white p-6 shadow-lg ring-1 ring-slate-200 sm:p-8">
        <div className="flex items-center justify-between gap-3">
          <p className="text-sm font-semibold text-slate-700">{merchantName}</p>
          {testMode ? (
            <span className="rounded-full bg-amber-100 px-2.5 py-0.5 text-xs font-semibold text-amber-900">
              Test mode
            </span>
          ) : null}
        </div>
        <h1 className="mt-2 text-2xl font-bold tracking-tight text-slate-900">{title}</h1>
        <div className="mt-6">{children}</div>
        <p className="mt-8 text-center text-xs text-slate-600">Secure checkout by Tillpoint</p>
      </div>
    </main>
  );
}

/** Label/value lines of an order summary. */
export function SummaryList({ items }: { items: [label: string, value: string][] }) {
  return (
    <dl className="divide-y divide-slate-100 rounded-xl bg-slate-50 px-4 text-sm">
      {items.map(([label, value]) => (
        <div key={label} className="flex justify-between gap-4 py-2.5">
          <dt className="text-slate-700">{label}</dt>
          <dd className="text-right font-semibold text-slate-900">{value}</dd>
        </div>
      ))}
    </dl>
  );
}

/** A payment of this session is running (another tab, or this one a moment ago): the page reloads until it ends. */
export function PaymentInProgress(frame: Omit<Props, "title" | "children">) {
  return (
    <CheckoutFrame {...frame} title="Your payment is being processed">
      <meta httpEquiv="refresh" content="3" />
      <p role="status" className="text-slate-700">
        This page updates by itself. Please do not pay again.
      </p>
    </CheckoutFrame>
  );
}
