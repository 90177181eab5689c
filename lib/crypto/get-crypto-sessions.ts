import "server-only";
import { HOSTED_BRAND_SELECT } from "@/lib/branding/hosted-brand";
import type { Db, DbClient } from "@/lib/db/client";
import { groupBy, parameter, selectable, selectRows, whereDefined } from "@/lib/db/prepared-rows";
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

type SessionRow = Omit<CryptoSessionRow, "customer" | "transfers">;

const SESSION_SELECT = selectable(Prisma.CryptoCheckoutSessionScalarFieldEnum, { enumArrays: ["allowedAssets"] });
const CUSTOMER_SELECT = selectable(Prisma.CryptoCustomerScalarFieldEnum);
const TRANSFER_SELECT = selectable(Prisma.CryptoTransferScalarFieldEnum);

/** Sessions with what cryptoSessionInclude adds: their customer, their transfers in order. */
const withCustomersAndTransfers = async (db: Db, rows: SessionRow[]): Promise<CryptoSessionRow[]> => {
  if (rows.length === 0) return [];
  const [customers, transfers] = await Promise.all([
    selectRows<CryptoSessionRow["customer"]>(db, CUSTOMER_SELECT, "crypto_customers WHERE id = ANY($1)", [
      rows.map((row) => row.customerId),
    ]),
    selectRows<CryptoSessionRow["transfers"][number]>(
      db,
      TRANSFER_SELECT,
      "crypto_transfers WHERE session_id = ANY($1) ORDER BY created_at, id",
      [rows.map((row) => row.id)],
    ),
  ]);
  const customerOf = new Map(customers.map((customer) => [customer.id, customer]));
  const transfersOf = groupBy(transfers, "sessionId");
  return rows.map((row) => {
    const customer = customerOf.get(row.customerId);
    if (!customer) throw new Error(`The customer of crypto session ${row.id} is missing.`);
    return { ...row, customer, transfers: transfersOf.get(row.id) ?? [] };
  });
};

/** getCryptoSessionOrThrow on prepared statements (lib/db/prepared-rows.ts): the API's GET. */
export const readCryptoSessionOrThrow = async (db: Db, scope: MerchantScope, id: string): Promise<CryptoSessionRow> => {
  const rows = isId("cryptoCheckoutSession", id)
    ? await selectRows<SessionRow>(
        db,
        SESSION_SELECT,
        `crypto_checkout_sessions WHERE id = $1 AND merchant_id = $2 AND mode = $3::"Mode"`,
        [id, scope.merchantId, scope.mode],
      )
    : [];
  const [row] = await withCustomersAndTransfers(db, rows);
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
    ["merchant_id = ?", scope.merchantId],
    ['mode = ?::"Mode"', scope.mode],
    ["id < ?", before],
  ]);
  const rows = await selectRows<SessionRow>(
    db,
    SESSION_SELECT,
    `crypto_checkout_sessions WHERE ${where} ORDER BY id DESC LIMIT ${parameter(values, take)}`,
    values,
  );
  return withCustomersAndTransfers(db, rows);
};

export const getCryptoSessionBySecret = (db: DbClient, secret: string) =>
  db.cryptoCheckoutSession.findUnique({
    where: { secret },
    include: { ...cryptoSessionInclude, merchant: { select: HOSTED_BRAND_SELECT } },
  });
