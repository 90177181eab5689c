import "server-only";
import { HOSTED_BRAND_SELECT } from "@/lib/branding/hosted-brand";
import type { Db, DbClient } from "@/lib/db/client";
import { nestedRows, parameter, selectable, selectWithRelations, whereDefined } from "@/lib/db/prepared-rows";
import { DomainError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { isId } from "@/lib/ids";
import type { MerchantScope } from "@/lib/scope";
import { type CryptoSessionRow, cryptoSessionInclude } from "./crypto-json";

const noSuchSession = () => new DomainError("not_found", "No such checkout session.");

/** A malformed id, another merchant's session, the other mode's and a missing one: the same 404. */
export const getCryptoSessionOrThrow = async (db: DbClient, scope: MerchantScope, id: string) => {
  const row = isId("cryptoCheckoutSession", id)
    ? await db.cryptoCheckoutSession.findFirst({ where: { id, ...scope }, include: cryptoSessionInclude })
    : null;
  if (!row) throw noSuchSession();
  return row;
};

// What cryptoSessionInclude adds, in the session's own row: its customer, its transfers in order.
const CUSTOMER = nestedRows({
  field: "customer",
  fields: Prisma.CryptoCustomerScalarFieldEnum,
  table: "crypto_customers",
  as: "c",
  where: "c.id = s.customer_id",
  orderBy: "c.id",
});
const TRANSFERS = nestedRows({
  field: "transfers",
  fields: Prisma.CryptoTransferScalarFieldEnum,
  table: "crypto_transfers",
  as: "t",
  where: "t.session_id = s.id",
  orderBy: "t.created_at, t.id",
});
const SESSION_COLUMNS = selectable(Prisma.CryptoCheckoutSessionScalarFieldEnum, {
  enumArrays: ["allowedAssets"],
  from: "s",
});

/** Crypto sessions with their customer and transfers, in one prepared statement: `from` says which, aliased `s`. */
const withRelations = async (db: Db, from: string, values: unknown[]): Promise<CryptoSessionRow[]> => {
  type Read = Omit<CryptoSessionRow, "customer"> & { customer: CryptoSessionRow["customer"][] };
  const rows = await selectWithRelations<Read>(db, SESSION_COLUMNS, [CUSTOMER, TRANSFERS], from, values);
  // In place: a copy of each row's thirty-odd fields would cost more than the rest of its answer.
  for (const row of rows) {
    const [customer] = row.customer;
    if (!customer) throw new Error(`The customer of crypto session ${row.id} is missing.`);
    (row as unknown as CryptoSessionRow).customer = customer;
  }
  return rows as unknown as CryptoSessionRow[];
};

/** getCryptoSessionOrThrow on prepared statements (lib/db/prepared-rows.ts): the API's GET. */
export const readCryptoSessionOrThrow = async (db: Db, scope: MerchantScope, id: string): Promise<CryptoSessionRow> => {
  const [row] = isId("cryptoCheckoutSession", id)
    ? await withRelations(
        db,
        `crypto_checkout_sessions s WHERE s.id = $1 AND s.merchant_id = $2 AND s.mode = $3::"Mode"`,
        [id, scope.merchantId, scope.mode],
      )
    : [];
  if (!row) throw noSuchSession();
  return row;
};

/** Newest first; `before` is the `starting_after` cursor (ids sort by creation time). On prepared statements. */
export const listCryptoSessions = async (
  db: Db,
  scope: MerchantScope,
  { take, before }: { take: number; before?: string },
) => {
  const values: unknown[] = [];
  const where = whereDefined(values, [
    ["s.merchant_id = ?", scope.merchantId],
    ['s.mode = ?::"Mode"', scope.mode],
    ["s.id < ?", before],
  ]);
  return withRelations(
    db,
    `crypto_checkout_sessions s WHERE ${where} ORDER BY s.id DESC LIMIT ${parameter(values, take)}`,
    values,
  );
};

export const getCryptoSessionBySecret = (db: DbClient, secret: string) =>
  db.cryptoCheckoutSession.findUnique({
    where: { secret },
    include: { ...cryptoSessionInclude, merchant: { select: HOSTED_BRAND_SELECT } },
  });
