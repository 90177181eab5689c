import { createTranslator } from "use-intl/core";
import { FORMATS } from "./formats";
import type { MessageValues } from "./message-ref";
import type { MessageKey } from "./messages";
import en from "./messages/en.json";

// The English catalog for what is written outside a page: API error messages
// that carry a catalog key (the hosted forms' checks) read in English.
const translate = createTranslator({ locale: "en", messages: en, formats: FORMATS });

export const isMessageKey = (key: string): key is MessageKey => translate.has(key as MessageKey);

export const englishMessage = (key: MessageKey, values?: MessageValues): string => translate(key, values);
