import type { MessageKey } from "./messages";

// A zod message that is a catalog key rather than English, so the server and
// the browser can each show it in the customer's language: "validation.cardExpired",
// or with values, "validation.securityCodeLength?digits=4" (values are text;
// ICU formats numbers given as text exactly).

export type MessageValues = Record<string, string | number>;

export const messageRef = (key: MessageKey, values?: MessageValues): string =>
  values ? `${key}?${new URLSearchParams(Object.entries(values).map(([name, value]) => [name, String(value)]))}` : key;

/**
 * The key and values of a message made by messageRef, or undefined for a
 * message that is plain text (a sentence never looks like "namespace.key";
 * `isKey` may check the key against a catalog too).
 */
export const parseMessageRef = (
  message: string,
  isKey: (key: string) => boolean = () => true,
): { key: MessageKey; values: MessageValues } | undefined => {
  const [key = "", query] = message.split("?", 2);
  if (!/^[a-z]+\.[A-Za-z0-9_]+$/.test(key) || !isKey(key)) return undefined;
  return { key: key as MessageKey, values: Object.fromEntries(new URLSearchParams(query)) };
};
