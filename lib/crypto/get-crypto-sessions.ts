import "server-only";
import { HOSTED_BRAND_SELECT } from "@/lib/branding/hosted-brand";
import type { Db, DbClient } from "@/lib/db/client";
import { preparedRows } from "@/lib/db/prepared-rows";
import { DomainError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { isId } from "@/lib/ids";
import type { MerchantScope } from "@/lib/scope";
import { type CryptoSessionRow, cryptoSessionInclude } from "./crypto-json";

/** A malformed id, another merchant's session, the other mode's and a missing one: the same 404. */
export const getCryptoSessionOrThrow = async (db: DbClient, scope: MerchantScope, id: string) => {
  const row = isId("cryptoCheckoutSession", id)
    ? await db.cryptoCheckoutSession.findFirst({ where: { id, ...scope }, include: cryptoSessionInclude })
    : null;
  if (!row) throw new DomainError("not_found", "No such checkout session.");
  return row;
};

const sessionById = preparedRows<Omit<CryptoSessionRow, "customer" | "transfers">>(
  "crypto-session-by-id",
  Prisma.CryptoCheckoutSessionScalarFieldEnum,
  `crypto_checkout_sessions WHERE id = $1 AND merchant_id = $2 AND mode = $3::"Mode"`,
  { enumArrays: ["allowedAssets"] },
);
const customerById = preparedRows<CryptoSessionRow["customer"]>(
  "crypto-customer-by-id",
  Prisma.CryptoCustomerScalarFieldEnum,
  "crypto_customers WHERE id = $1",
);
const transfersOfSession = preparedRows<CryptoSessionRow["transfers"][number]>(
  "crypto-transfers-of-session",
  Prisma.CryptoTransferScalarFieldEnum,
  "crypto_transfers WHERE session_id = $1 ORDER BY created_at, id",
);

/** getCryptoSessionOrThrow on prepared statements (lib/db/prepared-rows.ts): the API's GET. */
export const readCryptoSessionOrThrow = async (db: Db, scope: MerchantScope, id: string): Promise<CryptoSessionRow> => {
  const [row] = isId("cryptoCheckoutSession", id) ? await sessionById(db, [id, scope.merchantId, scope.mode]) : [];
  if (!row) throw new DomainError("not_found", "No such checkout session.");
  const [[customer], transfers] = await Promise.all([customerById(db, [row.customerId]), transfersOfSession(db, [id])]);
  return { ...row, customer, transfers };
};

/** Newest first; `before` is the `starting_after` cursor (ids sort by creation time). */
export const listCryptoSessions = (
  db: DbClient,
  scope: MerchantScope,
  { take, before }: { take: number; before?: string },
) =>
  db.cryptoCheckoutSession.findMany({
    where: { ...scope, ...(before ? { id: { lt: before } } : {}) },
    orderBy: { id: "desc" },
    take,
    include: cryptoSessionInclude,
  });

export const getCryptoSessionBySecret = (db: DbClient, secret: string) =>
  db.cryptoCheckoutSession.findUnique({
    where: { secret },
    include: { ...cryptoSessionInclude, merchant: { select: HOSTED_BRAND_SELECT } },
  });
