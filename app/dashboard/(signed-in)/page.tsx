import Link from "next/link";
import { RateBars, type Series, StackedBarChart } from "@/components/dashboard/charts";
import { FAMILY_LABELS } from "@/components/dashboard/payments-table";
import { EmptyState, PageTitle, Section } from "@/components/dashboard/ui";
import { dashboardContext } from "@/lib/dashboard/context";
import { db } from "@/lib/db/client";
import { formatMoney } from "@/lib/money";
import { OVERVIEW_DAYS, overview, windowDays } from "@/lib/reports/overview";
import { PAYMENT_FAMILIES } from "@/lib/schemas/payment-filters";

const FAMILY_COLORS = { wallet: "#4f46e5", crypto: "#b45309", card: "#0f766e" } as const;

const rate = (part: number, whole: number) => (whole ? part / whole : null);

export default async function OverviewPage() {
  const { scope } = await dashboardContext();
  const now = new Date();
  const figures = await overview(db(), scope, now);
  const days = windowDays(now);
  const perFamily = (value: (row: (typeof figures.days)[number]) => number, currency?: string): Series[] =>
    PAYMENT_FAMILIES.map((family) => ({
      label: FAMILY_LABELS[family],
      color: FAMILY_COLORS[family],
      values: days.map((day) =>
        figures.days
          .filter((row) => row.family === family && row.day === day && (!currency || row.currency === currency))
          .reduce((sum, row) => sum + value(row), 0),
      ),
    }));
  // Volume is drawn in the currency with the most paid; the others are totalled beside it.
  const volumes = new Map<string, bigint>();
  for (const row of figures.days) volumes.set(row.currency, (volumes.get(row.currency) ?? 0n) + row.volume);
  const currencies = [...volumes]
    .filter(([, volume]) => volume > 0n)
    .sort(([, a], [, b]) => (b > a ? 1 : b < a ? -1 : 0));
  const [mainCurrency] = currencies[0] ?? [];
  const created = (family: string) =>
    figures.days.filter((row) => row.family === family).reduce((sum, row) => sum + row.created, 0);
  const paid = (family: string) =>
    figures.days.filter((row) => row.family === family).reduce((sum, row) => sum + row.paid, 0);
  const anyPayment = figures.days.length > 0;
  const hooks = figures.webhooks;
  const hookTotal = hooks.delivered + hooks.failed + hooks.pending;

  return (
    <div className="space-y-4">
      <PageTitle
        lead={
          <span data-testid="overview-mode">
            You are looking at {scope.mode} data, the last {OVERVIEW_DAYS} days (UTC).
          </span>
        }
      >
        Overview
      </PageTitle>

      {!anyPayment ? (
        <EmptyState testId="overview-empty">
          No {scope.mode} payments in the last {OVERVIEW_DAYS} days. To take the first one:{" "}
          <Link href="/dashboard/payment-links" className="font-medium text-brand hover:underline">
            create a payment link
          </Link>
          , or create an API key under{" "}
          <Link href="/dashboard/developers" className="font-medium text-brand hover:underline">
            Developers
          </Link>{" "}
          and create a session from your code. Add a webhook endpoint there to hear when it is paid.
        </EmptyState>
      ) : (
        <>
          <Section title="Payments">
            <div className="grid gap-6 lg:grid-cols-2">
              <StackedBarChart
                title="Paid payments per day"
                days={days}
                series={perFamily((row) => row.paid)}
                testId="chart-count"
              />
              {mainCurrency ? (
                <StackedBarChart
                  title={`Volume per day (${mainCurrency})`}
                  days={days}
                  series={perFamily((row) => Number(row.volume), mainCurrency)}
                  format={(minor) => formatMoney(BigInt(Math.round(minor)), mainCurrency)}
                  testId="chart-volume"
                />
              ) : (
                <p className="text-sm text-slate-700">Nothing paid yet in this window.</p>
              )}
            </div>
            {currencies.length > 0 ? (
              <p className="mt-3 text-sm text-slate-700" data-testid="volume-totals">
                Paid in {OVERVIEW_DAYS} days:{" "}
                {currencies.map(([currency, volume]) => formatMoney(volume, currency)).join(" · ")}
              </p>
            ) : null}
          </Section>
          <Section title="Conversion (created → paid)">
            <RateBars
              testId="conversion"
              rows={PAYMENT_FAMILIES.map((family) => ({
                label: FAMILY_LABELS[family],
                rate: rate(paid(family), created(family)),
                detail: `${paid(family)} of ${created(family)}`,
              }))}
            />
          </Section>
        </>
      )}

      <Section title={`Card providers, last ${figures.routingWindowMinutes} minutes`}>
        {figures.providers.length === 0 ? (
          <p className="text-sm text-slate-700">No card payment attempts in the routing window.</p>
        ) : (
          <RateBars
            testId="providers"
            rows={figures.providers.map((provider) => ({
              label: `${provider.provider}${provider.circuitOpenUntil ? " (paused)" : ""}`,
              rate: rate(provider.approvals, provider.calls),
              detail: `${provider.approvals} of ${provider.calls} authorized · ${provider.averageLatencyMs ?? "—"} ms average`,
            }))}
          />
        )}
      </Section>

      <Section title="Webhook deliveries">
        {figures.endpoints === 0 ? (
          <p className="text-sm text-slate-700">
            No endpoint yet.{" "}
            <Link href="/dashboard/developers" className="font-medium text-brand hover:underline">
              Add one
            </Link>{" "}
            to be told when payments complete.
          </p>
        ) : (
          <RateBars
            testId="webhooks"
            rows={[
              {
                label: "Delivered",
                rate: rate(hooks.delivered, hookTotal),
                detail: `${hooks.delivered} of ${hookTotal} · ${hooks.failed} failed · ${hooks.pending} waiting`,
              },
            ]}
          />
        )}
      </Section>
    </div>
  );
}
