import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { directionOf } from "@/lib/i18n/locales";
import { acceptedLanguages, matchLocale, resolveLocale } from "@/lib/i18n/resolve-locale";
import { localeSchema } from "@/lib/schemas/locale";

describe("the hosted pages' locale", () => {
  test("?locale= first, then the session, Accept-Language, the merchant's default, English", () => {
    const all = { query: "fr", session: "de_DE", acceptLanguage: "ja,en;q=0.5", merchantDefault: "es" };
    assert.equal(resolveLocale(all).catalog, "fr");
    assert.equal(resolveLocale({ ...all, query: null }).catalog, "de");
    assert.equal(resolveLocale({ ...all, query: null, session: null }).catalog, "ja");
    assert.equal(resolveLocale({ merchantDefault: "es" }).catalog, "es");
    assert.deepEqual(resolveLocale({}), { catalog: "en", tag: "en" });
  });

  test("a source with no catalog, or a malformed one, passes on to the next", () => {
    assert.equal(
      resolveLocale({ query: "xx", session: "tlh", acceptLanguage: "zz, *", merchantDefault: "it" }).catalog,
      "it",
    );
    assert.equal(resolveLocale({ query: "<script>", acceptLanguage: "sv" }).catalog, "sv");
    assert.equal(resolveLocale({ acceptLanguage: "en;q=0, de;q=0.2" }).catalog, "de");
  });

  test("the nearest catalog of the same language; formatting keeps the region asked for", () => {
    assert.deepEqual(matchLocale("de_CH"), { catalog: "de", tag: "de-CH" });
    assert.deepEqual(matchLocale("en_AU"), { catalog: "en", tag: "en-AU" });
    assert.deepEqual(matchLocale("pt-BR"), { catalog: "pt-BR", tag: "pt-BR" });
    assert.equal(matchLocale("pt-PT")?.catalog, "pt");
    assert.equal(matchLocale("zh-Hans")?.catalog, "zh-CN");
    assert.equal(matchLocale("zh-Hant-HK")?.catalog, "zh-TW");
    assert.equal(matchLocale("en-u-nu-thai")?.tag, "en", "an extension does not change how prices read");
    assert.equal(matchLocale("xx"), undefined);
    assert.equal(matchLocale(""), undefined);
  });

  test("the pseudo-locale comes only from ?locale=, never from the session, the browser or the merchant", () => {
    assert.equal(resolveLocale({ query: "en-XA", session: "de" }).catalog, "en-XA");
    assert.equal(resolveLocale({ session: "en-XA", acceptLanguage: "en-XA", merchantDefault: "en-XA" }).catalog, "en");
    assert.equal(matchLocale("en-XA"), undefined);
    assert.ok(!localeSchema.safeParse("en-XA").success);
  });

  test("a header of thousands of tags is read no further than its first dozen", () => {
    const long = `${Array.from({ length: 3000 }, (_, index) => `x${index}`).join(",")}, de`;
    assert.ok(acceptedLanguages(long).length <= 12);
    assert.equal(resolveLocale({ acceptLanguage: long }).catalog, "en");
    assert.equal(resolveLocale({ acceptLanguage: `sv, ${long}` }).catalog, "sv");
  });

  test("Accept-Language by quality, then order; * and q=0 mean nothing", () => {
    assert.deepEqual(acceptedLanguages("da, en-GB;q=0.8, en;q=0.7, *;q=0.1, fr;q=0"), ["da", "en-GB", "en"]);
    assert.deepEqual(acceptedLanguages("fr;q=0.5, de"), ["de", "fr"]);
    assert.deepEqual(acceptedLanguages(null), []);
  });

  test("Arabic and Hebrew read right to left", () => {
    assert.equal(directionOf("ar"), "rtl");
    assert.equal(directionOf("he"), "rtl");
    assert.equal(directionOf("de"), "ltr");
  });

  test("a session's locale is a well-formed tag, with - or _", () => {
    for (const good of ["en", "en_AU", "de-CH", "zh-Hant-TW", "es-419", "fil"])
      assert.ok(localeSchema.safeParse(good).success, good);
    for (const bad of ["", "english", "en-", "EN", "de_de", "x".repeat(40), "en-US-u-ca-gregory"])
      assert.ok(!localeSchema.safeParse(bad).success, bad);
  });
});
