import "server-only";
import type { CryptoAsset } from "@/lib/crypto-assets";
import type { DbClient } from "@/lib/db/client";
import { env } from "@/lib/env";
import { DomainError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Mode } from "@/lib/ids";
import { log } from "@/lib/log";
import { availableAssets, rateSourceFor } from "./network";
import { amountDueInAsset } from "./quote";
import { RateUnavailableError } from "./rate-source";

// The customer picks an asset: the fiat price is converted at the current rate
// and that rate is held for CRYPTO_QUOTE_TTL_MINUTES (≥ 10). An open session
// whose quote ran out is quoted again at the then-current rate; once a payment
// is seen the quote is fixed.

type QuotableSession = {
  id: string;
  mode: Mode;
  status: string;
  amount: bigint;
  currency: string;
  allowedAssets: CryptoAsset[];
};

/** The assets this session's customer may choose: `allowedAssets` (empty = all) that this server accepts. */
export const assetsOffered = (session: { mode: Mode; allowedAssets: CryptoAsset[] }): CryptoAsset[] => {
  const available = availableAssets(session.mode);
  return session.allowedAssets.length ? available.filter((asset) => session.allowedAssets.includes(asset)) : available;
};

export const quoteCryptoSession = async (
  db: DbClient,
  session: QuotableSession,
  asset: CryptoAsset,
  now = new Date(),
) => {
  if (!assetsOffered(session).includes(asset)) {
    throw new DomainError("parameter_invalid", `asset: ${asset} is not accepted for this checkout.`, {
      param: "asset",
    });
  }
  if (session.status !== "open") throw notOpen(session.status);
  let rate: Awaited<ReturnType<ReturnType<typeof rateSourceFor>["rate"]>>;
  try {
    rate = await rateSourceFor(session.mode).rate(asset, session.currency);
  } catch (error) {
    if (error instanceof RateUnavailableError) {
      log.warn({ err: error }, "A crypto quote failed: no exchange rate");
      throw new DomainError(
        "service_unavailable",
        "No exchange rate is available right now. Please try again in a minute.",
      );
    }
    throw error;
  }
  const amountDue = amountDueInAsset(session.amount, session.currency, rate.price, asset);
  const { count } = await db.cryptoCheckoutSession.updateMany({
    where: { id: session.id, status: "open" },
    data: {
      quoteAsset: asset,
      quoteRate: rate.price,
      quoteSource: rate.source,
      quoteAmountDue: new Prisma.Decimal(amountDue.toString()),
      quotedAt: now,
      quoteExpiresAt: new Date(now.getTime() + env().crypto.quoteTtlMs),
    },
  });
  if (count === 0) {
    const row = await db.cryptoCheckoutSession.findUniqueOrThrow({
      where: { id: session.id },
      select: { status: true },
    });
    throw notOpen(row.status);
  }
};

const notOpen = (status: string) =>
  new DomainError(
    "state_conflict",
    status === "pending" || status === "completed"
      ? "A payment has been seen for this checkout; its asset and amount are fixed."
      : `This checkout is ${status}.`,
  );
