import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, test } from "node:test";
import { type MessageFormatElement, parse, TYPE } from "@formatjs/icu-messageformat-parser";
import { createTranslator } from "use-intl/core";
import { FORMATS } from "@/lib/i18n/formats";
import { LOCALES, PSEUDO_LOCALE, SUPPORTED_LOCALES } from "@/lib/i18n/locales";
import { pseudoCatalog } from "@/lib/i18n/pseudo-locale";

// Every catalog against the English one: same keys, valid ICU, the same
// arguments, an `other` in every plural; every English key used by the code
// and every key the code names present. The code names keys in full
// ("card.paid"), never built from parts, so a search finds them.

type Catalog = { [key: string]: string | Catalog };
const DIR = path.resolve("lib/i18n/messages");
const read = (locale: string): Catalog => JSON.parse(readFileSync(path.join(DIR, `${locale}.json`), "utf8"));
const flatten = (catalog: Catalog, prefix = ""): [string, string][] =>
  Object.entries(catalog).flatMap(([key, value]) =>
    typeof value === "string" ? [[`${prefix}${key}`, value] as [string, string]] : flatten(value, `${prefix}${key}.`),
  );

const en = new Map(flatten(read("en")));
const catalogFiles = readdirSync(DIR)
  .filter((file) => file.endsWith(".json"))
  .map((file) => file.slice(0, -".json".length));

/** The arguments and tags a message uses, and each plural's or select's cases. */
const shape = (elements: MessageFormatElement[], found = { names: new Set<string>(), cases: [] as string[][] }) => {
  for (const element of elements) {
    if (element.type === TYPE.literal || element.type === TYPE.pound) continue;
    found.names.add(element.value);
    if (element.type === TYPE.plural || element.type === TYPE.select) {
      found.cases.push(Object.keys(element.options));
      for (const option of Object.values(element.options)) shape(option.value, found);
    }
    if (element.type === TYPE.tag) shape(element.children, found);
  }
  return found;
};

const sourceFiles = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "generated" || entry.name === "messages" ? [] : sourceFiles(full);
    return /\.tsx?$/.test(entry.name) ? [full] : [];
  });
const source = ["app", "components", "lib"].flatMap(sourceFiles).map((file) => readFileSync(file, "utf8"));
const NAMESPACES = [...new Set([...en.keys()].map((key) => key.split(".")[0]))];

describe("message catalogs", () => {
  test("one catalog per locale, and at least 30 of them with Arabic and Hebrew", () => {
    assert.deepEqual(catalogFiles.sort(), [...SUPPORTED_LOCALES, PSEUDO_LOCALE].sort());
    assert.ok(SUPPORTED_LOCALES.length >= 30, `${SUPPORTED_LOCALES.length} locales`);
    assert.ok("ar" in LOCALES && "he" in LOCALES);
  });

  for (const locale of catalogFiles) {
    test(`${locale}: the English keys, valid ICU, the same arguments, plurals with "other"`, () => {
      const catalog = new Map(flatten(read(locale)));
      assert.deepEqual(
        [...catalog.keys()].filter((key) => !en.has(key)),
        [],
        "keys English does not have",
      );
      assert.deepEqual(
        [...en.keys()].filter((key) => !catalog.has(key)),
        [],
        "keys missing",
      );
      for (const [key, message] of catalog) {
        let elements: MessageFormatElement[];
        try {
          elements = parse(message);
        } catch (error) {
          assert.fail(`${locale} ${key}: ICU syntax error (${(error as Error).message}) in ${JSON.stringify(message)}`);
        }
        const found = shape(elements);
        const english = shape(parse(en.get(key) as string));
        assert.deepEqual([...found.names].sort(), [...english.names].sort(), `${locale} ${key}: arguments`);
        for (const cases of found.cases) assert.ok(cases.includes("other"), `${locale} ${key}: a case without "other"`);
      }
    });
  }

  test("every message formats in its locale, with sample values for its arguments", () => {
    const NUMBERS = new Set(["count", "seconds", "digits", "quantity", "chainId", "required"]);
    const MONEY = new Set(["min", "max", "example"]);
    for (const locale of catalogFiles) {
      const t = createTranslator({
        locale,
        messages: read(locale),
        formats: FORMATS,
        onError: (error) => assert.fail(`${locale}: ${error.message}`),
      });
      for (const [key, message] of en) {
        const values: Record<string, unknown> = {};
        for (const name of shape(parse(message)).names) {
          if (name === "interval") values[name] = "month";
          else if (name === "due") values[name] = (chunks: string[]) => chunks.join("");
          else values[name] = NUMBERS.has(name) ? 3 : MONEY.has(name) ? "25.00" : `«${name}»`;
        }
        const text = t.markup(key as never, values as never);
        assert.ok(text.length > 0 && !text.includes(key) && !/[{}]/.test(text), `${locale} ${key}: ${text}`);
      }
    }
  });

  test("every English key is used by the code, and every key the code names exists", () => {
    const code = source.join("\n");
    const unused = [...en.keys()].filter((key) => !code.includes(`"${key}"`) && !code.includes(`"${key}?`));
    assert.deepEqual(unused, [], "catalog keys no code uses");
    // Keys as the code passes them (TypeScript checks the typed rest: next-intl's AppConfig, MessageKey).
    const call = new RegExp(
      `(?:\\bt|messageRef|messageKey:)\\(?\\s*"((?:${NAMESPACES.join("|")})\\.[A-Za-z0-9_]+)`,
      "g",
    );
    const named = new Set([...code.matchAll(call)].map((found) => found[1]));
    assert.ok(named.size > 100, `only ${named.size} keys found in the code: the search is broken`);
    const missing = [...named].filter((key) => !en.has(key));
    assert.deepEqual(missing, [], "keys the code names that no catalog has");
  });

  test(`${PSEUDO_LOCALE} is the English catalog stretched (npm run i18n:pseudo writes it)`, () => {
    assert.deepEqual(read(PSEUDO_LOCALE), pseudoCatalog(read("en")));
    // The text a reader sees: literals, and each plural's or select's "other" case.
    const textLength = (elements: MessageFormatElement[]): number =>
      elements.reduce((sum, element) => {
        if (element.type === TYPE.literal) return sum + element.value.length;
        if (element.type === TYPE.plural || element.type === TYPE.select)
          return sum + textLength(element.options.other?.value ?? []);
        if (element.type === TYPE.tag) return sum + textLength(element.children);
        return sum;
      }, 0);
    for (const [key, message] of flatten(read(PSEUDO_LOCALE))) {
      const english = textLength(parse(en.get(key) as string));
      assert.ok(textLength(parse(message)) >= english * 1.35, `${key} is not 40 % longer`);
    }
  });
});
