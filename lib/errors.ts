import * as z from "zod/mini";
import { type MessageValues, parseMessageRef } from "@/lib/i18n/message-ref";
import type { MessageKey } from "@/lib/i18n/messages";

// The domain's error vocabulary: what went wrong, in words a caller can act
// on. Domain code (lib/card, lib/wallet, lib/crypto, lib/webhooks,
// lib/merchants, lib/payments, lib/providers) throws only these; it knows no
// HTTP. How each code reaches a client is decided once by its caller:
// lib/api/errors.ts maps codes to HTTP statuses, the CLI prints the message.

export const DOMAIN_ERROR_CODES = [
  "parameter_invalid", // the input is wrong: its `param` names the field
  "parameter_missing",
  "limit_reached", // valid input, but no more of these (a per-merchant limit)
  "unauthorized", // no valid credential
  "card_declined", // the provider said no; another card may work
  "insufficient_funds", // a wallet's balances cannot pay it: the message names the shortfall
  "not_found", // no such object, or not this merchant's
  "state_conflict", // the object's state does not allow it now
  "resource_exists", // a unique value is taken
  "service_unavailable", // a dependency (a provider, a price source, a chain) cannot serve now
] as const;

export type DomainErrorCode = (typeof DOMAIN_ERROR_CODES)[number];

export type DomainErrorOptions = {
  param?: string;
  /** When trying again makes sense (service_unavailable): after this many seconds. */
  retryAfterSeconds?: number;
  /** The message for a customer, as a catalog key: the hosted pages show it in the customer's language. */
  messageKey?: MessageKey;
  messageValues?: MessageValues;
};

export class DomainError extends Error {
  readonly code: DomainErrorCode;
  readonly param?: string;
  readonly retryAfterSeconds?: number;
  readonly messageKey?: MessageKey;
  readonly messageValues?: MessageValues;

  constructor(code: DomainErrorCode, message: string, options: DomainErrorOptions = {}) {
    super(message);
    this.code = code;
    this.param = options.param;
    this.retryAfterSeconds = options.retryAfterSeconds;
    this.messageKey = options.messageKey;
    this.messageValues = options.messageValues;
  }
}

/** A zod failure as the domain's error: the first issue, naming its field; a missing field and a wrong one differ. */
export const fromZod = (error: z.core.$ZodError): DomainError => {
  const [issue] = error.issues;
  // An unknown field is named by its own path, not by the object that holds it.
  const path = issue.code === "unrecognized_keys" ? [...issue.path, issue.keys[0]] : issue.path;
  const param = path.map(String).join(".") || undefined;
  // An absent field fails as a wrong type, or as a value outside an enum.
  const missing = (issue.code === "invalid_type" || issue.code === "invalid_value") && issue.input === undefined;
  // A hosted form's message is a catalog key: lib/api words it in English, or in the customer's language.
  const ref = parseMessageRef(issue.message);
  const message = missing && !ref ? `${param ?? "body"} is required` : `${param ?? "body"}: ${issue.message}`;
  return new DomainError(missing ? "parameter_missing" : "parameter_invalid", message, {
    param,
    messageKey: ref?.key,
    messageValues: ref?.values,
  });
};

/**
 * schema.parse that keeps each issue's input, so a missing field and a wrong one get different codes. Takes
 * classic zod's schemas (the APIs) and zod/mini's (the hosted forms) alike.
 */
export const parseInput = <Schema extends z.core.$ZodType>(schema: Schema, input: unknown): z.infer<Schema> => {
  const result = z.safeParse(schema, input, { reportInput: true });
  if (!result.success) throw fromZod(result.error);
  return result.data;
};
