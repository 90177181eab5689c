import "server-only";
import type { Db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import type { PaymentFamily, PaymentFilters, PaymentStatus } from "@/lib/schemas/payment-filters";
import type { MerchantScope } from "@/lib/scope";

// One list over the three families (README "Merchant dashboard"): a UNION ALL
// of the three session tables, each branch filtered, ordered and limited on
// its own (merchant, mode, created_at) index before the merge, so a page
// costs three short index scans at any table size. Pages are keyset pages on
// (created_at, id), newest first.

export type PaymentRow = {
  family: PaymentFamily;
  id: string;
  status: PaymentStatus;
  nativeStatus: string;
  amount: bigint | null;
  currency: string;
  email: string | null;
  reference: string | null;
  description: string;
  createdAt: Date;
};

export type PaymentsPage = { rows: PaymentRow[]; next?: string; previous?: string };

export const PAGE_SIZE = 25;

/** A family's session table as the columns of a PaymentRow (SQL expressions). */
export type Branch = {
  family: PaymentFamily;
  table: Prisma.Sql;
  id: Prisma.Sql;
  status: Prisma.Sql;
  nativeStatus: Prisma.Sql;
  amount: Prisma.Sql;
  currency: Prisma.Sql;
  email: Prisma.Sql;
  reference: Prisma.Sql;
  description: Prisma.Sql;
};

/** The three families' session tables (the overview's figures read them too). */
export const BRANCHES: Branch[] = [
  {
    family: "wallet",
    table: Prisma.sql`wallet_checkout_sessions`,
    id: Prisma.sql`id`,
    // As checkoutStatus (lib/wallet/wallet-json.ts) reads it: a locked session
    // (too many failed attempts) has failed; an open one past its expiry is
    // expired already (the sweep writes it later).
    status: Prisma.sql`(CASE WHEN status = 'open' AND locked_at IS NOT NULL THEN 'failed'
      WHEN status = 'open' AND expires_at <= now() THEN 'expired'
      WHEN status = 'completed' THEN 'succeeded' ELSE status::text END)`,
    nativeStatus: Prisma.sql`status::text`,
    amount: Prisma.sql`amount`,
    currency: Prisma.sql`currency`,
    email: Prisma.sql`customer_email`,
    reference: Prisma.sql`reference_id`,
    description: Prisma.sql`'Wallet ' || replace(checkout_mode::text, '_', ' ')`,
  },
  {
    family: "crypto",
    table: Prisma.sql`crypto_checkout_sessions`,
    id: Prisma.sql`id`,
    status: Prisma.sql`(CASE status WHEN 'pending' THEN 'processing' WHEN 'completed' THEN 'succeeded'
      ELSE status::text END)`,
    nativeStatus: Prisma.sql`status::text`,
    amount: Prisma.sql`amount`,
    currency: Prisma.sql`currency`,
    email: Prisma.sql`email`,
    reference: Prisma.sql`product_id`,
    description: Prisma.sql`product_name`,
  },
  {
    family: "card",
    table: Prisma.sql`card_sessions`,
    id: Prisma.sql`id::text`,
    status: Prisma.sql`(CASE status WHEN 'PENDING' THEN 'open' WHEN 'PROCESSING' THEN 'processing'
      WHEN 'SUCCEEDED' THEN 'succeeded' WHEN 'FAILED' THEN 'failed' WHEN 'EXPIRED' THEN 'expired'
      WHEN 'CANCELLED' THEN 'canceled' ELSE 'refunded' END)`,
    nativeStatus: Prisma.sql`status::text`,
    amount: Prisma.sql`amount_total`,
    currency: Prisma.sql`currency`,
    email: Prisma.sql`customer->>'email'`,
    reference: Prisma.sql`order_reference`,
    description: Prisma.sql`'Card order ' || order_reference`,
  },
];

type Cursor = { createdAt: Date; id: string };

export const encodeCursor = ({ createdAt, id }: Cursor) =>
  Buffer.from(`${createdAt.toISOString()}|${id}`).toString("base64url");

const decodeCursor = (text: string): Cursor | undefined => {
  const [at, id] = Buffer.from(text, "base64url").toString().split("|");
  const createdAt = new Date(at ?? "");
  return id && !Number.isNaN(createdAt.getTime()) ? { createdAt, id } : undefined;
};

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (char) => `\\${char}`);

const branchQuery = (branch: Branch, scope: MerchantScope, filters: PaymentFilters, take: number) => {
  const where = [Prisma.sql`merchant_id = ${scope.merchantId}`, Prisma.sql`mode = ${scope.mode}::"Mode"`];
  if (filters.status) where.push(Prisma.sql`${branch.status} = ${filters.status}`);
  if (filters.createdFrom) where.push(Prisma.sql`created_at >= ${filters.createdFrom}`);
  if (filters.createdBefore) where.push(Prisma.sql`created_at < ${filters.createdBefore}`);
  if (filters.currency) where.push(Prisma.sql`${branch.currency} = ${filters.currency}`);
  if (filters.minAmount !== undefined) where.push(Prisma.sql`${branch.amount} >= ${filters.minAmount}`);
  if (filters.maxAmount !== undefined) where.push(Prisma.sql`${branch.amount} <= ${filters.maxAmount}`);
  if (filters.q) {
    // An exact id, or a reference or e-mail that starts with the text (any case).
    const prefix = `${escapeLike(filters.q)}%`;
    where.push(
      Prisma.sql`(${branch.id} = ${filters.q} OR ${branch.reference} ILIKE ${prefix} OR ${branch.email} ILIKE ${prefix})`,
    );
  }
  const before = filters.before ? decodeCursor(filters.before) : undefined;
  const after = !before && filters.after ? decodeCursor(filters.after) : undefined;
  if (after) where.push(Prisma.sql`(created_at, ${branch.id}) < (${after.createdAt}, ${after.id})`);
  if (before) where.push(Prisma.sql`(created_at, ${branch.id}) > (${before.createdAt}, ${before.id})`);
  const order = before ? Prisma.sql`ASC` : Prisma.sql`DESC`;
  return Prisma.sql`(SELECT ${branch.family} AS family, ${branch.id} AS id, ${branch.status} AS status,
      ${branch.nativeStatus} AS "nativeStatus", ${branch.amount} AS amount, ${branch.currency} AS currency,
      ${branch.email} AS email, ${branch.reference} AS reference, ${branch.description} AS description,
      created_at AS "createdAt"
    FROM ${branch.table} WHERE ${Prisma.join(where, " AND ")}
    ORDER BY created_at ${order}, ${branch.id} ${order} LIMIT ${take})`;
};

/** Rows newest first, `take` of them from the cursor on (the export's batches use this too). */
export const queryPayments = async (db: Db, scope: MerchantScope, filters: PaymentFilters, take: number) => {
  const branches = BRANCHES.filter((branch) => !filters.family || branch.family === filters.family);
  const backwards = Boolean(filters.before);
  const order = backwards ? Prisma.sql`ASC` : Prisma.sql`DESC`;
  const rows = await db.$queryRaw<PaymentRow[]>`
    SELECT * FROM (${Prisma.join(
      branches.map((branch) => branchQuery(branch, scope, filters, take)),
      " UNION ALL ",
    )}) AS payments
    ORDER BY "createdAt" ${order}, id ${order} LIMIT ${take}`;
  return backwards ? rows.reverse() : rows;
};

/** A page of the list, with the cursors of the pages beside it (none where the list ends). */
export const listPayments = async (db: Db, scope: MerchantScope, filters: PaymentFilters): Promise<PaymentsPage> => {
  const rows = await queryPayments(db, scope, filters, PAGE_SIZE + 1);
  const more = rows.length > PAGE_SIZE;
  const backwards = Boolean(filters.before);
  const page = more ? (backwards ? rows.slice(1) : rows.slice(0, PAGE_SIZE)) : rows;
  const first = page[0];
  const last = page.at(-1);
  const paged = Boolean(filters.after || filters.before);
  return {
    rows: page,
    next: last && (backwards || more) ? encodeCursor(last) : undefined,
    previous: first && (backwards ? more : paged) ? encodeCursor(first) : undefined,
  };
};
