import { type MessageFormatElement, parse, TYPE } from "@formatjs/icu-messageformat-parser";
import { printAST } from "@formatjs/icu-messageformat-parser/printer.js";

// en-XA, the pseudo-locale layout tests use: every English text accented (so
// an untranslated string stands out) and about 40 % longer (German and
// Finnish run that much longer than English), in short words, as real text
// wraps. Arguments, plurals and selects stay as they are.

const ACCENTS: Record<string, string> = {
  a: "ȧ",
  b: "ƀ",
  c: "ƈ",
  d: "ḓ",
  e: "ḗ",
  f: "ƒ",
  g: "ɠ",
  h: "ħ",
  i: "ī",
  j: "ĵ",
  k: "ķ",
  l: "ŀ",
  m: "ḿ",
  n: "ƞ",
  o: "ǿ",
  p: "ƥ",
  r: "ř",
  s: "ş",
  t: "ŧ",
  u: "ũ",
  w: "ẇ",
  y: "ẏ",
  z: "ẑ",
  A: "Ȧ",
  B: "Ɓ",
  C: "Ƈ",
  D: "Ḓ",
  E: "Ḗ",
  F: "Ƒ",
  G: "Ɠ",
  H: "Ħ",
  I: "Ī",
  K: "Ķ",
  L: "Ŀ",
  M: "Ḿ",
  N: "Ƞ",
  O: "Ǿ",
  P: "Ƥ",
  R: "Ř",
  S: "Ş",
  T: "Ŧ",
  U: "Ũ",
  W: "Ẇ",
  Y: "Ẏ",
  Z: "Ẑ",
};

const PADDING = "ẋẋẋẋẋ";

const stretch = (text: string) => {
  const accented = [...text].map((char) => ACCENTS[char] ?? char).join("");
  const extra = Math.ceil(text.trim().length * 0.4);
  if (extra === 0) return accented;
  const words: string[] = [];
  for (let left = extra; left > 0; left -= PADDING.length + 1) words.push(PADDING.slice(0, Math.max(1, left)));
  // Padding goes inside the text, so a text ending in "." or "…" still reads as one.
  const match = /^(.*?)(\s*)$/s.exec(accented) as RegExpExecArray;
  return `${match[1]} ${words.join(" ")}${match[2]}`;
};

const stretchElements = (elements: MessageFormatElement[]): MessageFormatElement[] =>
  elements.map((element) => {
    if (element.type === TYPE.literal) return { ...element, value: stretch(element.value) };
    if (element.type === TYPE.plural || element.type === TYPE.select) {
      const options = Object.fromEntries(
        Object.entries(element.options).map(([key, option]) => [
          key,
          { ...option, value: stretchElements(option.value) },
        ]),
      );
      return { ...element, options };
    }
    if (element.type === TYPE.tag) return { ...element, children: stretchElements(element.children) };
    return element;
  });

export const pseudoMessage = (message: string) => printAST(stretchElements(parse(message)));

type Catalog = { [key: string]: string | Catalog };

/** The pseudo-locale's catalog, made from the English one. */
export const pseudoCatalog = (catalog: Catalog): Catalog =>
  Object.fromEntries(
    Object.entries(catalog).map(([key, value]) => [
      key,
      typeof value === "string" ? pseudoMessage(value) : pseudoCatalog(value),
    ]),
  );
