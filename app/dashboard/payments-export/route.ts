import { dashboardContext } from "@/lib/dashboard/context";
import { db } from "@/lib/db/client";
import { paymentsCsv } from "@/lib/reports/payments-csv";
import { paymentFilters } from "@/lib/schemas/payment-filters";

// The payments list's "Export CSV": the same filters, every matching row.
export async function GET(request: Request) {
  const { scope } = await dashboardContext();
  const parsed = paymentFilters.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success) {
    return new Response(parsed.error.issues[0]?.message ?? "The filters are not valid.", {
      status: 400,
      headers: { "Content-Type": "text/plain; charset=utf-8" },
    });
  }
  const day = new Date().toISOString().slice(0, 10);
  return new Response(paymentsCsv(db(), scope, parsed.data), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="payments-${scope.mode}-${day}.csv"`,
      "Cache-Control": "no-store",
    },
  });
}
