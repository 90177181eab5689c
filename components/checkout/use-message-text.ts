"use client";

import { useTranslations } from "next-intl";
import { parseMessageRef } from "@/lib/i18n/message-ref";

/**
 * A form message as the customer reads it: a catalog key from the shared zod
 * schemas (lib/i18n/message-ref.ts) in the page's language, or text the
 * server already wrote in it.
 */
export const useMessageText = () => {
  const t = useTranslations();
  return (message: string | undefined) => {
    if (!message) return undefined;
    const ref = parseMessageRef(message, (key) => t.has(key as Parameters<typeof t.has>[0]));
    return ref ? t(ref.key, ref.values) : message;
  };
};
