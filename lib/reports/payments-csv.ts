import "server-only";
import type { Db } from "@/lib/db/client";
import { formatMinorUnits } from "@/lib/money";
import type { PaymentFilters } from "@/lib/schemas/payment-filters";
import type { MerchantScope } from "@/lib/scope";
import { encodeCursor, type PaymentRow, queryPayments } from "./list-payments";

const BATCH = 1000;
const HEADER = [
  "id",
  "family",
  "status",
  "native_status",
  "amount",
  "currency",
  "customer_email",
  "reference",
  "description",
  "created_at",
];

/**
 * One CSV field (RFC 4180): quoted when it holds a quote, comma or line
 * break. A value a spreadsheet would run as a formula (=, +, -, @, tab, CR
 * first) is prefixed with a quote mark, so a customer's e-mail cannot run code
 * on the merchant's machine.
 */
export const csvField = (value: string) => {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
};

const csvLine = (row: PaymentRow) =>
  [
    row.id,
    row.family,
    row.status,
    row.nativeStatus,
    row.amount === null ? "" : formatMinorUnits(row.amount, row.currency),
    row.currency,
    row.email ?? "",
    row.reference ?? "",
    row.description,
    row.createdAt.toISOString(),
  ]
    .map(csvField)
    .join(",");

/** Every payment the filters match (not just one page), newest first, read in keyset batches as it is sent. */
export const paymentsCsv = (db: Db, scope: MerchantScope, filters: PaymentFilters): ReadableStream<Uint8Array> => {
  const encoder = new TextEncoder();
  let after: string | undefined;
  let started = false;
  return new ReadableStream({
    async pull(controller) {
      if (!started) {
        started = true;
        controller.enqueue(encoder.encode(`${HEADER.join(",")}\r\n`));
      }
      const rows = await queryPayments(db, scope, { ...filters, before: undefined, after }, BATCH);
      if (rows.length > 0) controller.enqueue(encoder.encode(rows.map((row) => `${csvLine(row)}\r\n`).join("")));
      const last = rows.at(-1);
      if (!last || rows.length < BATCH) return controller.close();
      after = encodeCursor(last);
    },
  });
};
