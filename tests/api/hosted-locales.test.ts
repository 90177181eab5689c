import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import { setCryptoXpub } from "@/lib/crypto/crypto-account";
import { api, seedMerchant, testDb } from "../support/api";
import { seedSessionBody, TEST_CARDS } from "../support/card";
import { checkoutBody, randomXpub } from "../support/crypto";

// The hosted pages' language over HTTP: `<html lang dir>` from ?locale=, the
// session's locale, Accept-Language and the merchant's default, in that
// order; the new `locale` of crypto and wallet sessions; the hosted endpoints
// answering in the page's language while the merchant APIs stay English.

let apiKey: string;
let merchantId: string;
const path = (url: string) => new URL(url).pathname;

before(async () => {
  ({ apiKey, merchantId } = await seedMerchant("Locales"));
  await setCryptoXpub(testDb(), { merchantId, mode: "test" }, randomXpub());
});

const cardSession = async (overrides: Record<string, unknown> = {}) => {
  const created = await api("/api/v1/sessions", {
    method: "POST",
    key: apiKey,
    headers: { "Idempotency-Key": crypto.randomUUID() },
    body: seedSessionBody(overrides),
  });
  assert.equal(created.status, 201, created.text);
  return created.json as { sessionId: string; checkoutUrl: string };
};

const cryptoBody = checkoutBody({ currency: "EUR", amount: 25 });

const documentOf = async (url: string, headers: Record<string, string> = {}) => {
  const page = await api(url, { headers });
  assert.equal(page.status, 200, url);
  const [, lang, dir] = /<html lang="([^"]+)" dir="(ltr|rtl)"/.exec(page.text) ?? [];
  return { lang, dir, text: page.text };
};

describe("the hosted pages' language", () => {
  test("?locale= over the session's locale over Accept-Language; Arabic right to left", async () => {
    const { checkoutUrl } = await cardSession({ currency: "EUR", locale: "de_DE" });
    const page = path(checkoutUrl);
    const french = { "Accept-Language": "fr-FR,fr;q=0.9" };
    const german = await documentOf(page, french);
    assert.deepEqual([german.lang, german.dir], ["de-DE", "ltr"]);
    assert.match(german.text, /Kartennummer/);
    assert.match(german.text, /<title>Bezahlung · Tillpoint<\/title>/);
    assert.deepEqual(Object.values(await documentOf(`${page}?locale=ar`, french)).slice(0, 2), ["ar", "rtl"]);
    assert.equal((await documentOf(`${page}?locale=he`)).dir, "rtl");
    // A locale we have no catalog of, or a malformed one, passes on to the next source.
    assert.equal((await documentOf(`${page}?locale=tlh`, french)).lang, "de-DE");
    assert.equal((await documentOf(`${page}?locale=%3Cscript%3E`)).lang, "de-DE");

    const { checkoutUrl: plain } = await cardSession({ locale: undefined });
    assert.equal((await documentOf(path(plain), french)).lang, "fr-FR");
    assert.equal((await documentOf(path(plain))).lang, "en");
  });

  test("the merchant's default comes after Accept-Language, English last", async () => {
    await testDb().merchant.update({ where: { id: merchantId }, data: { defaultLocale: "nl" } });
    try {
      const { checkoutUrl } = await cardSession({ locale: undefined });
      assert.equal((await documentOf(path(checkoutUrl))).lang, "nl");
      assert.equal((await documentOf(path(checkoutUrl), { "Accept-Language": "sv" })).lang, "sv");
      assert.equal((await documentOf(path(checkoutUrl), { "Accept-Language": "xx" })).lang, "nl");
    } finally {
      await testDb().merchant.update({ where: { id: merchantId }, data: { defaultLocale: null } });
    }
  });

  test("a token the query cannot decode twice is the not-found page, not an error", async () => {
    for (const query of ["?token=%", "?token=%25", "?token=%E0%A4%A", "?token=&locale=%"]) {
      const page = await api(`/checkout${query}`);
      assert.equal(page.status, 404, query);
    }
  });

  test("a client cannot choose the locale through the header proxy.ts sets", async () => {
    const { checkoutUrl } = await cardSession({ locale: undefined });
    assert.equal((await documentOf(path(checkoutUrl), { "x-tillpoint-locale": "ja" })).lang, "en");
  });

  test("crypto and wallet sessions take an optional locale (an extension), kept and shown", async () => {
    const created = await api("/api/v1/checkout", {
      method: "POST",
      key: apiKey,
      body: { ...cryptoBody, locale: "ja" },
    });
    assert.equal(created.status, 200, created.text);
    assert.equal(created.json.locale, "ja");
    const fetched = await api(`/api/v1/checkout/sessions/${created.json.id}`, { key: apiKey });
    assert.equal(fetched.json.locale, "ja");
    const japanese = await documentOf(path(created.json.checkoutUrl), { "Accept-Language": "de" });
    assert.equal(japanese.lang, "ja");
    assert.match(japanese.text, /お支払い方法を選択/);

    const wallet = await api("/v1/checkout_sessions", {
      method: "POST",
      key: apiKey,
      body: { checkout_mode: "onboarding", origin_url: "https://shop.example.com/", locale: "pt-BR" },
    });
    assert.equal(wallet.status, 201, wallet.text);
    assert.equal(wallet.json.locale, "pt-BR");
    const page = await documentOf(`/checkout/${encodeURIComponent(wallet.json.checkout_session_token)}`);
    assert.equal(page.lang, "pt-BR");
    const { secret } = JSON.parse(atob(wallet.json.checkout_session_token));
    assert.equal((await documentOf(`/embed/checkout/${secret}`)).lang, "pt-BR");
    // ?locale= decides the language without the session, but the embed still lets only origin_url frame it.
    const framed = await api(`/embed/checkout/${secret}?locale=ja`);
    assert.match(framed.text, /<html lang="ja"/);
    assert.match(
      framed.headers.get("content-security-policy") ?? "",
      /frame-ancestors https:\/\/shop\.example\.com(;|$)/,
    );

    for (const locale of ["", "english", "de_de", 7, "x".repeat(40)]) {
      const refused = await api("/api/v1/checkout", { method: "POST", key: apiKey, body: { ...cryptoBody, locale } });
      assert.equal(refused.status, 400, String(locale));
      assert.equal(refused.json.error.param, "locale");
      const walletRefused = await api("/v1/checkout_sessions", {
        method: "POST",
        key: apiKey,
        body: { checkout_mode: "onboarding", origin_url: "https://shop.example.com/", locale },
      });
      assert.equal(walletRefused.json.error.param, "locale", String(locale));
    }
    const none = await api("/api/v1/checkout", { method: "POST", key: apiKey, body: cryptoBody });
    assert.equal(none.json.locale, null);
  });

  test("hosted endpoints answer in the page's language; merchant APIs stay English", async () => {
    const { checkoutUrl } = await cardSession();
    const [, token] = /\/checkout\/([^/?]+)/.exec(checkoutUrl) ?? [];
    const { secret } = JSON.parse(Buffer.from(token, "base64url").toString());
    const pay = (card: Record<string, string>, headers: Record<string, string>) =>
      api(`/api/hosted/card/${secret}/pay`, { method: "POST", body: { card }, headers });
    const card = { number: "4242 4242 4242 4241", expiry: "12/34", cvc: "123" };

    const german = await pay(card, { "X-Checkout-Locale": "de" });
    assert.equal(german.status, 400);
    assert.equal(german.json.error.param, "card.number");
    assert.equal(german.json.error.message, "Diese Kartennummer ist ungültig");
    const french = await pay(card, { "Accept-Language": "fr" });
    assert.equal(french.json.error.message, "Ce numéro de carte n’est pas valide");
    const english = await pay(card, {});
    assert.equal(english.json.error.message, "This card number is not valid");

    const declined = await pay({ ...card, number: TEST_CARDS.declined }, { "X-Checkout-Locale": "ja" });
    assert.equal(declined.status, 402);
    assert.equal(declined.json.error.code, "card_declined");
    assert.match(declined.json.error.message, /^カードが拒否されました。/);

    const merchantApi = await api("/v1/checkout_sessions", {
      method: "POST",
      key: apiKey,
      headers: { "Accept-Language": "de", "X-Checkout-Locale": "de" },
      body: { checkout_mode: "sideways", origin_url: "https://shop.example.com/" },
    });
    assert.equal(merchantApi.status, 400);
    assert.equal(
      merchantApi.json.error.message,
      "checkout_mode: checkout_mode must be one of onboarding, topup, subscription, credit_bundle",
    );
  });
});
