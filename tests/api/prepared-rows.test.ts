import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import { cardSessionInclude } from "@/lib/card/card-session-json";
import { createCardSession } from "@/lib/card/create-card-session";
import { getCardSessionOrThrow, listCardSessions, readCardSessionOrThrow } from "@/lib/card/get-card-sessions";
import { createCryptoSession } from "@/lib/crypto/create-crypto-session";
import { cryptoSessionInclude } from "@/lib/crypto/crypto-json";
import {
  getCryptoSessionOrThrow,
  listCryptoSessions,
  readCryptoSessionOrThrow,
} from "@/lib/crypto/get-crypto-sessions";
import { DomainError, parseInput } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { createCardSessionBody } from "@/lib/schemas/card-session";
import { createCryptoCheckoutBody } from "@/lib/schemas/crypto";
import type { MerchantScope } from "@/lib/scope";
import { createCheckoutSession } from "@/lib/wallet/create-checkout-session";
import { getCheckoutSessionOrThrow, readCheckoutSessionOrThrow } from "@/lib/wallet/get-wallet-objects";
import { listCheckoutSessions } from "@/lib/wallet/list-wallet-objects";
import { api, seedMerchant, testDb } from "../support/api";
import { seedSessionBody, TEST_CARDS } from "../support/card";
import { createSession, pay, refund } from "../support/card-api";
import { checkoutBody, randomXpub, secretOf } from "../support/crypto";
import { lavaClient, onboard, PUBLIC_BASE_URL } from "../support/wallet";

// The API's GETs and lists read sessions with prepared statements (lib/db/prepared-rows.ts), not Prisma: the
// rows they build must be Prisma's, field for field and type for type (bigint, Decimal, Date, JSON), with the
// same relations in the same order, the same pages and the same 404s.

type Reader<Row> = (scope: MerchantScope, id: string) => Promise<Row>;

type Answer<Row> = { row?: Row; error?: { code: string; message: string } };

/** Both readers give the same row, or both the same not-found error. */
const sameAnswer = async <Row>(
  prepared: Reader<Row>,
  prisma: Reader<Row>,
  scope: MerchantScope,
  id: string,
): Promise<Answer<Row>> => {
  const settle = (read: Reader<Row>): Promise<Answer<Row>> =>
    read(scope, id).then(
      (row) => ({ row }),
      (error: unknown) => {
        assert.ok(error instanceof DomainError, String(error));
        return { error: { code: error.code, message: error.message } };
      },
    );
  const [fromPrepared, fromPrisma] = await Promise.all([settle(prepared), settle(prisma)]);
  assert.deepStrictEqual(fromPrepared, fromPrisma);
  return fromPrisma;
};

const testScope = (merchantId: string): MerchantScope => ({ merchantId, mode: "test" });
const otherMerchant = testScope("mer_01JOTHERMERCHANTOTHERMERCH");

describe("prepared reads and lists give Prisma's rows", () => {
  let merchantId: string;
  let apiKey: string;
  before(async () => {
    ({ merchantId, apiKey } = await seedMerchant("Prepared reads"));
  });

  test("card sessions: new, declined then paid (two attempts, their charges), refunded; 404s alike", async () => {
    const db = testDb();
    const read = (scope: MerchantScope, id: string) => readCardSessionOrThrow(db, scope, id);
    const get = (scope: MerchantScope, id: string) => getCardSessionOrThrow(db, scope, id);
    const fresh = await createSession(apiKey);
    const paid = await createSession(apiKey);
    assert.equal((await pay(paid.secret, TEST_CARDS.declined)).status, 402);
    assert.equal((await pay(paid.secret, TEST_CARDS.succeeds)).status, 200);
    assert.equal((await refund(apiKey, paid.id, { amount: 1 })).status, 201);
    assert.equal((await refund(apiKey, paid.id, { amount: 2 })).status, 201);

    // The create answers the row it wrote as Prisma reads it back (JSON fields, every other field), unread.
    const created = await createCardSession(
      db,
      testScope(merchantId),
      parseInput(createCardSessionBody, seedSessionBody({ shipping: undefined })),
    );
    assert.deepStrictEqual(created, await db.cardSession.findUniqueOrThrow({ where: { id: created.id } }));
    assert.equal(created.shipping, null);
    assert.ok(Array.isArray(created.orderItems));
    await db.cardSession.delete({ where: { id: created.id } });

    const { row } = await sameAnswer(read, get, testScope(merchantId), paid.id);
    assert.equal(row?.attempts.length, 2);
    assert.ok(row?.attempts.every((attempt) => attempt.charges.length > 0));
    assert.equal(row?.refunds.length, 2);
    assert.equal(typeof row?.amountTotal, "bigint");
    assert.ok(row?.createdAt instanceof Date);
    assert.equal((await sameAnswer(read, get, testScope(merchantId), fresh.id)).row?.attempts.length, 0);
    await sameAnswer(read, get, testScope(merchantId), paid.id.toUpperCase());
    for (const [scope, id] of [
      [otherMerchant, paid.id],
      [{ merchantId, mode: "live" }, paid.id],
      [testScope(merchantId), "not-a-uuid"],
      [testScope(merchantId), crypto.randomUUID()],
    ] as const)
      assert.ok((await sameAnswer(read, get, scope, id)).error, `${scope.merchantId} ${id}`);

    // The list's pages, newest first, with the same relations and total as Prisma's.
    for (const [page, limit] of [
      [1, 20],
      [1, 1],
      [2, 1],
      [3, 1],
    ]) {
      const listed = await listCardSessions(db, testScope(merchantId), { page, limit });
      const prisma = await db.cardSession.findMany({
        where: testScope(merchantId),
        orderBy: [{ createdAt: "desc" }, { id: "desc" }],
        skip: (page - 1) * limit,
        take: limit,
        include: cardSessionInclude,
      });
      assert.deepStrictEqual(listed, { rows: prisma, total: 2, totalExact: true });
    }
    assert.deepEqual(
      (await listCardSessions(db, testScope(merchantId), { page: 1, limit: 20 })).rows.map((row) => row.id),
      [paid.id, fresh.id],
    );
    assert.deepStrictEqual(await listCardSessions(db, otherMerchant, { page: 1, limit: 20 }), {
      rows: [],
      total: 0,
      totalExact: true,
    });
  });

  test("crypto sessions: with their customer and two transfers (partial, then the rest); 404s alike", async () => {
    const db = testDb();
    const read = (scope: MerchantScope, id: string) => readCryptoSessionOrThrow(db, scope, id);
    const get = (scope: MerchantScope, id: string) => getCryptoSessionOrThrow(db, scope, id);
    const settings = await api("/api/v1/crypto/settings", { method: "PUT", key: apiKey, body: { xpub: randomXpub() } });
    assert.equal(settings.status, 200, settings.text);
    const created = await api("/api/v1/checkout", { method: "POST", key: apiKey, body: checkoutBody() });
    assert.equal(created.status, 200, created.text);
    const secret = secretOf(created.json.checkoutUrl, PUBLIC_BASE_URL);
    const hosted = (action: string, body: unknown) =>
      api(`/api/hosted/crypto/${secret}/${action}`, { method: "POST", body });
    assert.equal((await hosted("asset", { asset: "USDC" })).status, 200);
    assert.equal((await hosted("simulate", { kind: "partial" })).status, 200);
    assert.equal((await hosted("simulate", { kind: "full" })).status, 200);

    const { row } = await sameAnswer(read, get, testScope(merchantId), created.json.id);
    assert.equal(row?.transfers.length, 2);
    assert.equal(row?.customer.id, row?.customerId);
    assert.ok(row?.amountReceived instanceof Prisma.Decimal);
    for (const [scope, id] of [
      [otherMerchant, created.json.id],
      [testScope(merchantId), "cs_nonsense"],
    ] as const)
      assert.ok((await sameAnswer(read, get, scope, id)).error);

    // The create's one statement (customer upsert and session) answers what Prisma reads back; the customer is
    // the same one, its name the latest.
    const again = await createCryptoSession(
      db,
      testScope(merchantId),
      parseInput(createCryptoCheckoutBody, checkoutBody({ name: "Ada King", allowedAssets: ["ETH", "USDC"] })),
    );
    assert.deepStrictEqual(
      again,
      await db.cryptoCheckoutSession.findUniqueOrThrow({ where: { id: again.id }, include: cryptoSessionInclude }),
    );
    assert.equal(again.customerId, row?.customerId);
    assert.equal(again.customer.name, "Ada King");
    assert.deepEqual(again.allowedAssets, ["ETH", "USDC"]);
    assert.equal(again.customer.createdAt.getTime(), row?.customer.createdAt.getTime());

    const second = await api("/api/v1/checkout", { method: "POST", key: apiKey, body: checkoutBody() });
    for (const [take, before] of [
      [10, undefined],
      [1, undefined],
      [10, second.json.id],
      [10, created.json.id],
    ] as const) {
      const prisma = await db.cryptoCheckoutSession.findMany({
        where: { ...testScope(merchantId), ...(before ? { id: { lt: before } } : {}) },
        orderBy: { id: "desc" },
        take,
        include: cryptoSessionInclude,
      });
      assert.deepStrictEqual(await listCryptoSessions(db, testScope(merchantId), { take, before }), prisma);
    }
  });

  test("wallet checkout sessions: open, and completed with its connection; 404s alike", async () => {
    const db = testDb();
    const read = (scope: MerchantScope, id: string) => readCheckoutSessionOrThrow(db, scope, id);
    const get = (scope: MerchantScope, id: string) => getCheckoutSessionOrThrow(db, scope, id);
    const lava = lavaClient(apiKey);
    const open = await lava.checkoutSessions.create({
      checkout_mode: "onboarding",
      origin_url: "https://shop.example/",
    });
    const connectionId = await onboard(lava);
    const completed = await db.walletCheckoutSession.findFirstOrThrow({ where: { connectionId } });

    assert.equal((await sameAnswer(read, get, testScope(merchantId), open.checkout_session_id)).row?.status, "open");
    const { row } = await sameAnswer(read, get, testScope(merchantId), completed.id);
    assert.equal(row?.status, "completed");
    assert.equal(typeof row?.amount, "bigint");
    for (const [scope, id] of [
      [otherMerchant, completed.id],
      [testScope(merchantId), "nonsense"],
    ] as const)
      assert.ok((await sameAnswer(read, get, scope, id)).error);

    // reference_id is ours (the SDK's types do not have it).
    // The create answers the row it wrote as Prisma reads it back, every field.
    const created = await createCheckoutSession(db, testScope(merchantId), {
      checkout_mode: "onboarding",
      origin_url: "https://shop.example/",
      locale: "de",
    });
    assert.deepStrictEqual(created, await db.walletCheckoutSession.findUniqueOrThrow({ where: { id: created.id } }));
    assert.equal(created.status, "open");
    assert.equal(created.failedAttempts, 0);
    assert.equal(created.referenceId, null);

    const referenced = (
      await api("/v1/checkout_sessions", {
        method: "POST",
        key: apiKey,
        body: { checkout_mode: "onboarding", origin_url: "https://shop.example/", reference_id: "order-7" },
      })
    ).json;
    for (const options of [
      { take: 10 },
      { take: 1 },
      { take: 10, before: referenced.checkout_session_id },
      { take: 10, referenceId: "order-7" },
      { take: 10, referenceId: "order-7", before: referenced.checkout_session_id },
      { take: 10, referenceId: "" },
    ]) {
      const prisma = await db.walletCheckoutSession.findMany({
        where: {
          ...testScope(merchantId),
          ...(options.before ? { id: { lt: options.before } } : {}),
          ...(options.referenceId ? { referenceId: options.referenceId } : {}),
        },
        orderBy: { id: "desc" },
        take: options.take,
      });
      assert.deepStrictEqual(
        await listCheckoutSessions(db, testScope(merchantId), options),
        prisma,
        JSON.stringify(options),
      );
    }
    assert.equal(
      (await listCheckoutSessions(db, testScope(merchantId), { take: 10, referenceId: "order-7" })).length,
      1,
    );
  });
});
