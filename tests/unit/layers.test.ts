import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { describe, test } from "node:test";
import type { HostedCardSession } from "@/lib/card/get-hosted-card-session";
import { type HostedCardView, hostedCardView } from "@/lib/card/hosted-card-view";
import { createCardSessionBody } from "@/lib/schemas/card-session";
import { createCryptoCheckoutBody } from "@/lib/schemas/crypto";
import { createSubscriptionConfigBody } from "@/lib/schemas/wallet";
import { topupForm } from "@/lib/schemas/wallet-forms";
import type { HostedWalletCheckout } from "@/lib/wallet/get-hosted-wallet-checkout";
import { hostedWalletView } from "@/lib/wallet/hosted-wallet-view";

// The boundaries of README "Architecture" that are not import rules (those are
// .dependency-cruiser.cjs and biome.json): the server-only marks, commands in
// minor units, and view models that decide the hosted page.

const ROOT = path.resolve(import.meta.dirname, "../..");
const MARKED = [
  "card",
  "crypto",
  "wallet",
  "webhooks",
  "merchants",
  "branding",
  "payments",
  "providers",
  "checkout",
  "background",
  "dashboard",
  "reports",
];

const sources = (dir: string): string[] =>
  fs
    .readdirSync(path.join(ROOT, dir), { withFileTypes: true })
    .flatMap((entry) =>
      entry.isDirectory()
        ? sources(path.join(dir, entry.name))
        : entry.name.endsWith(".ts")
          ? [path.join(dir, entry.name)]
          : [],
    );

describe("layers", () => {
  test("the database client and every domain module are marked server-only", () => {
    const files = ["lib/db/client.ts", ...MARKED.flatMap((folder) => sources(`lib/${folder}`))];
    assert.ok(files.length > 80, `found ${files.length} files`);
    const unmarked = files.filter(
      (file) => !/^import "server-only";$/m.test(fs.readFileSync(path.join(ROOT, file), "utf8")),
    );
    assert.deepEqual(unmarked, []);
  });

  test("schemas turn amounts into integer minor units once", () => {
    const card = createCardSessionBody.parse({
      orderReference: "o-1",
      paymentMethod: "card",
      currency: "KWD",
      amount: { total: 10.125, shipping: 0.005, tax: 0.12 },
      orderItems: [{ name: "Tea", quantity: 2, unitPrice: 5 }],
      customer: { firstName: "A", lastName: "B", email: "a@example.com" },
      redirectUrls: { success: "https://shop.example/ok", failure: "https://shop.example/no" },
    });
    assert.deepEqual(card.amount, { total: 10125n, shipping: 5n, tax: 120n });
    assert.equal(card.orderItems?.[0]?.unitPrice, 5000n);
    const crypto = createCryptoCheckoutBody.parse({
      amount: 19.99,
      currency: "USD",
      successUrl: "https://shop.example/ok",
      cancelUrl: "https://shop.example/no",
      email: "a@example.com",
      name: "A",
      metadata: {},
      productId: "p",
      productName: "P",
      productDescription: "",
      allowedAssets: [],
    });
    assert.equal(crypto.amount, 1999n);
    assert.equal(topupForm.parse({ amount: "25.5" }).amount, 2550n);
    const plan = createSubscriptionConfigBody.parse({ name: "Pro", period_amount: "10" });
    assert.deepEqual([plan.period_amount, plan.included_credit], [1000n, 0n]);
  });
});

describe("hosted view models decide the page", () => {
  const now = new Date("2026-11-23T12:00:00Z");
  const later = new Date(now.getTime() + 60_000);
  const cardSession = (fields: Partial<HostedCardSession>) =>
    ({
      secret: "cs_test_x",
      merchant: { name: "Shop" },
      mode: "test",
      status: "PENDING",
      expiresAt: later,
      processingUntil: null,
      locale: null,
      currency: "AUD",
      orderReference: "o-1",
      orderItems: [{ name: "Tea", quantity: 3, unitPrice: "250" }],
      amountShipping: null,
      amountTax: 50n,
      amountTotal: 800n,
      customer: { firstName: "A", lastName: "B", email: "a@example.com" },
      shipping: null,
      cardBrand: null,
      cardLast4: null,
      attemptCount: 0,
      maxAttempts: 3,
      attempts: [],
      id: "3b0c8a4e-0000-4000-8000-000000000000",
      successUrl: "https://shop.example/ok",
      failureUrl: "https://shop.example/no",
      ...fields,
    }) as unknown as HostedCardSession;
  const phase = (fields: Partial<HostedCardSession>): HostedCardView["phase"] =>
    hostedCardView(cardSession(fields), now).phase;

  test("card: payable, in progress, a challenge to finish, paid, ended", () => {
    const view = hostedCardView(cardSession({}), now);
    assert.equal(view.phase, "payable");
    assert.deepEqual(view.items, [{ name: "Tea", quantity: 3, lineTotal: 750n }]);
    assert.equal(view.attemptsLeft, 3);
    assert.equal(phase({ status: "PROCESSING", processingUntil: later }), "in_progress");
    const challenged = hostedCardView(
      cardSession({
        status: "PROCESSING",
        processingUntil: later,
        attempts: [{ id: "att_1", status: "requires_action" }] as unknown as HostedCardSession["attempts"],
      }),
      now,
    );
    assert.deepEqual([challenged.phase, challenged.pendingChallengeId], ["payable", "att_1"]);
    const paid = hostedCardView(cardSession({ status: "SUCCEEDED", cardBrand: "visa", cardLast4: "4242" }), now);
    assert.deepEqual(
      [paid.phase, paid.paidWith, paid.returnUrl.startsWith("https://shop.example/ok")],
      ["paid", { last4: "4242" }, true],
    );
    assert.equal(phase({ expiresAt: new Date(now.getTime() - 1) }), "ended");
    assert.equal(phase({ status: "CANCELLED" }), "ended");
  });

  test("wallet: the form follows the mode, a charge without its answer shows the payment in progress", () => {
    const walletSession = (fields: Partial<HostedWalletCheckout>) =>
      ({
        id: "cs_1",
        secret: "wcs_test_x",
        merchant: { name: "Shop" },
        mode: "test",
        currency: "USD",
        originUrl: "https://shop.example",
        status: "open",
        expiresAt: later,
        lockedAt: null,
        processingUntil: null,
        charges: [],
        checkoutMode: "subscription",
        amount: null,
        connectionId: null,
        connection: null,
        balances: undefined,
        subscriptionConfig: null,
        creditBundle: null,
        ...fields,
      }) as unknown as HostedWalletCheckout;
    assert.deepEqual(
      [hostedWalletView(walletSession({}), now).phase, hostedWalletView(walletSession({}), now).form],
      ["payable", "new_subscriber"],
    );
    assert.equal(
      hostedWalletView(walletSession({ charges: [{ id: "ch_1" }] as HostedWalletCheckout["charges"] }), now).phase,
      "in_progress",
    );
    assert.equal(hostedWalletView(walletSession({ lockedAt: now }), now).phase, "locked");
    assert.equal(hostedWalletView(walletSession({ expiresAt: now }), now).phase, "expired");
  });
});
