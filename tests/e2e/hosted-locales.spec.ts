import { readFileSync } from "node:fs";
import AxeBuilder from "@axe-core/playwright";
import { type Browser, expect, type Page, test } from "@playwright/test";
import { createTranslator } from "use-intl/core";
import { FORMATS } from "../../lib/i18n/formats";
import type { Messages } from "../../lib/i18n/messages";
import { seedSessionBody, TEST_CARDS } from "../support/card";
import { checkoutBody } from "../support/crypto";
import { seedCryptoMerchant } from "./support/seed";

// The hosted pages in the customer's language: each family in three locales
// (one right to left), the order ?locale= → session → Accept-Language, the
// picker keeping what was typed, localized form and decline messages, axe in
// ar and de at 320 px, and the pseudo-locale's longer texts at 320 px.

const SHOP = "https://shop.example.com";
const catalog = (locale: string) => JSON.parse(readFileSync(`lib/i18n/messages/${locale}.json`, "utf8")) as Messages;
const tr = (locale: "ar" | "de" | "ja") => createTranslator({ locale, messages: catalog(locale), formats: FORMATS });
let apiKey: string;

test.beforeAll(async () => {
  apiKey = await seedCryptoMerchant("Sprachen GmbH");
});

const post = async (page: Page, path: string, data: Record<string, unknown>, headers: Record<string, string> = {}) => {
  const response = await page.request.post(path, { headers: { Authorization: `Bearer ${apiKey}`, ...headers }, data });
  expect(response.ok(), await response.text()).toBe(true);
  return response.json();
};

const cardPage = async (page: Page, overrides: Record<string, unknown> = {}) => {
  const session = await post(page, "/api/v1/sessions", seedSessionBody({ currency: "EUR", ...overrides }), {
    "Idempotency-Key": crypto.randomUUID(),
  });
  return new URL(session.checkoutUrl).pathname;
};

const cryptoPage = async (page: Page, overrides: Record<string, unknown> = {}) => {
  const session = await post(
    page,
    "/api/v1/checkout",
    checkoutBody({ amount: 1234.5, currency: "EUR", allowedAssets: ["USDC"], ...overrides }),
  );

  return new URL(session.checkoutUrl).pathname;
};

const walletPage = async (page: Page, overrides: Record<string, unknown> = {}) => {
  const session = await post(page, "/v1/checkout_sessions", {
    checkout_mode: "onboarding",
    origin_url: `${SHOP}/`,
    ...overrides,
  });
  return `/checkout/${encodeURIComponent(session.checkout_session_token)}`;
};

/** A browser whose language is `locale` (Chromium sends it as Accept-Language). */
const pageIn = async (browser: Browser, locale?: string) =>
  (await browser.newContext(locale ? { locale } : {})).newPage();

const expectDocument = async (page: Page, lang: string, dir: "ltr" | "rtl") => {
  await expect(page.locator("html")).toHaveAttribute("lang", lang);
  await expect(page.locator("html")).toHaveAttribute("dir", dir);
};

test("the card page: the session's locale, ?locale= over Accept-Language, Arabic right to left", async ({
  browser,
}) => {
  const page = await pageIn(browser, "fr-FR");
  const path = await cardPage(page, { locale: "de_DE", amount: { total: 1234.5 }, orderItems: undefined });

  await page.goto(path);
  await expectDocument(page, "de-DE", "ltr");
  await expect(page.getByRole("heading", { name: "1.234,50 € bezahlen" })).toBeVisible();
  await expect(page.getByLabel("Kartennummer")).toBeVisible();
  await expect(page).toHaveTitle(/^Bezahlung · Tillpoint$/);

  // Typed checks and declines in the customer's language.
  await page.getByLabel("Kartennummer").fill("4242 4242 4242 4241");
  await page.getByLabel("Kartennummer").blur();
  await expect(page.getByText(tr("de")("validation.cardNumberInvalid"))).toBeVisible();
  await page.getByLabel("Kartennummer").fill(TEST_CARDS.declined);
  await page.getByLabel(tr("de")("fields.expiry")).fill("12/34");
  await page.getByLabel(tr("de")("fields.securityCode")).fill("123");
  await page.getByRole("button", { name: "1.234,50 € bezahlen" }).click();
  await expect(page.getByTestId("payment-error")).toHaveText(
    tr("de")("decline.withAttemptsLeft", { message: tr("de")("decline.card_declined"), count: 2 }),
  );

  await page.goto(`${path}?locale=ja`);
  await expectDocument(page, "ja", "ltr");
  await expect(
    page.getByRole("heading", { name: tr("ja")("common.payAmount", { amount: "€1,234.50" }) }),
  ).toBeVisible();
  await expect(page.getByLabel("カード番号")).toBeVisible();

  await page.goto(`${path}?locale=ar`);
  await expectDocument(page, "ar", "rtl");
  await expect(page.getByLabel("رقم البطاقة")).toBeVisible();
  // The amount is formatted for Arabic, not only translated.
  const amount = await page.evaluate(() =>
    new Intl.NumberFormat("ar", { style: "currency", currency: "EUR" }).format(1234.5),
  );
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(tr("ar")("common.payAmount", { amount }));
  await expect(page.locator("dd").first()).toHaveCSS("text-align", "end");
});

test("the crypto page: the session's new locale, Accept-Language, ?locale= and Arabic", async ({ browser }) => {
  const japanese = await pageIn(browser);
  await japanese.goto(await cryptoPage(japanese, { locale: "ja" }));
  await expectDocument(japanese, "ja", "ltr");
  await expect(japanese.getByText("お支払い方法を選択")).toBeVisible();
  await expect(japanese.getByText("€1,234.50")).toBeVisible();

  const german = await pageIn(browser, "de-DE");
  const path = await cryptoPage(german);
  await german.goto(path);
  await expectDocument(german, "de-DE", "ltr");
  await expect(german.getByText("Wählen Sie, wie Sie bezahlen möchten")).toBeVisible();
  await expect(german.getByText("1.234,50 €")).toBeVisible();
  await german.getByRole("button", { name: /USDC/ }).click();
  await expect(german.getByRole("heading", { name: /^Senden Sie genau/ })).toBeVisible();
  await expect(german.getByTestId("amount-due")).toHaveAttribute("dir", "ltr");

  await german.goto(`${path}?locale=ar`);
  await expectDocument(german, "ar", "rtl");
  await expect(german.getByText(tr("ar")("crypto.payWithAnother"))).toBeVisible();
});

test("the wallet page: Accept-Language, the session's locale over it, ?locale= over both", async ({ browser }) => {
  const page = await pageIn(browser, "de");
  await page.goto(await walletPage(page));
  await expectDocument(page, "de", "ltr");
  await expect(page.getByRole("heading", { name: "Richten Sie Ihre Wallet ein" })).toBeVisible();
  await page.getByRole("button", { name: tr("de")("wallet.createAndPay") }).click();
  await expect(page.getByText(tr("de")("validation.enterFirstName"))).toBeVisible();
  await page.getByLabel(tr("de")("fields.amount", { currency: "USD" })).fill("0,50");
  await page.getByLabel(tr("de")("fields.amount", { currency: "USD" })).blur();
  await expect(page.getByText("Geben Sie einen Betrag von 1,00 $ bis 10.000,00 $ ein")).toBeVisible();

  const arabic = await walletPage(page, { locale: "ar" });
  await page.goto(arabic);
  await expectDocument(page, "ar", "rtl");
  await expect(page.getByRole("heading", { name: "أعدّ محفظتك" })).toBeVisible();

  await page.goto(`${arabic}?locale=ja`);
  await expectDocument(page, "ja", "ltr");
  await expect(page.getByRole("heading", { name: "ウォレットを設定" })).toBeVisible();
});

test("the picker changes the language and keeps everything typed", async ({ page }) => {
  await page.goto(await walletPage(page));
  await page.getByLabel("First name").fill("Ada");
  await page.getByLabel("E-mail").fill("ada@example.com");
  await page.getByLabel("Card number").fill("4242 4242 4242 4242");
  await page.getByLabel("Amount (USD)").fill("12.34");

  await page.getByLabel("Language").selectOption("de");
  await expect(page.getByRole("heading", { name: "Richten Sie Ihre Wallet ein" })).toBeVisible();
  await expect(page).toHaveURL(/[?&]locale=de/);
  await expectDocument(page, "de", "ltr");
  await expect(page.getByLabel(tr("de")("fields.firstName"))).toHaveValue("Ada");
  await expect(page.getByLabel(tr("de")("fields.email"))).toHaveValue("ada@example.com");
  await expect(page.getByLabel("Kartennummer")).toHaveValue("4242 4242 4242 4242");
  await expect(page.getByLabel(tr("de")("fields.amount", { currency: "USD" }))).toHaveValue("12.34");

  await page.getByLabel("Sprache").selectOption("ar");
  await expectDocument(page, "ar", "rtl");
  await expect(page.getByLabel("رقم البطاقة")).toHaveValue("4242 4242 4242 4242");
});

test("the not-found page speaks the customer's language", async ({ browser }) => {
  const page = await pageIn(browser, "ja");
  const response = await page.goto("/checkout/bm90LWEtdG9rZW4");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "ページが見つかりません" })).toBeVisible();
  await page.goto("/checkout/bm90LWEtdG9rZW4?locale=he");
  await expectDocument(page, "he", "rtl");
  await expect(page.getByRole("heading", { level: 1 })).not.toHaveText("Page not found");
});

for (const locale of ["ar", "de"] as const) {
  test(`axe finds nothing in ${locale} at 320 px, on every family's page`, async ({ page }) => {
    await page.setViewportSize({ width: 320, height: 740 });
    for (const path of [await cardPage(page), await cryptoPage(page), await walletPage(page)]) {
      await page.goto(`${path}?locale=${locale}`);
      await expectDocument(page, locale, locale === "ar" ? "rtl" : "ltr");
      const { violations } = await new AxeBuilder({ page }).analyze();
      expect(
        violations.map((violation) => `${violation.id}: ${violation.help}`),
        path,
      ).toEqual([]);
    }
  });
}

test("the pseudo-locale's 40 % longer texts scroll nothing sideways at 320 px", async ({ page }) => {
  await page.setViewportSize({ width: 320, height: 740 });
  const crypto = await cryptoPage(page);
  for (const path of [
    await cardPage(page),
    crypto,
    await walletPage(page),
    await walletPage(page, {
      checkout_mode: "subscription",
      subscription_config_id: (
        await post(page, "/v1/subscription_configs", { name: "Pro", period_amount: "20.00", included_credit: "5.00" })
      ).subscription_config_id,
    }),
  ]) {
    await page.goto(`${path}?locale=en-XA`);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expect(page.locator("html")).toHaveAttribute("lang", "en-XA");
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, path).toBeLessThanOrEqual(0);
  }
  // The crypto page with a quote: the longest instructions.
  await page.goto(`${crypto}?locale=en-XA`);
  await page.getByRole("button", { name: /USDC/ }).click();
  await expect(page.getByTestId("amount-due")).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
});
