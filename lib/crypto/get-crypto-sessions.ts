import "server-only";
import { HOSTED_BRAND_SELECT } from "@/lib/branding/hosted-brand";
import type { DbClient } from "@/lib/db/client";
import { DomainError } from "@/lib/errors";
import { isId } from "@/lib/ids";
import type { MerchantScope } from "@/lib/scope";
import { cryptoSessionInclude } from "./crypto-json";

/** A malformed id, another merchant's session, the other mode's and a missing one: the same 404. */
export const getCryptoSessionOrThrow = async (db: DbClient, scope: MerchantScope, id: string) => {
  const row = isId("cryptoCheckoutSession", id)
    ? await db.cryptoCheckoutSession.findFirst({ where: { id, ...scope }, include: cryptoSessionInclude })
    : null;
  if (!row) throw new DomainError("not_found", "No such checkout session.");
  return row;
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
