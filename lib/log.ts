import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";
import { inspect } from "node:util";
import pino, { type Logger } from "pino";
import pretty from "pino-pretty";
import { luhnValid } from "@/lib/card-number";

// The one logger (README "Operating Tillpoint"): JSON lines on stdout, one
// object per event, or pino-pretty's coloured lines when stdout is a terminal
// (LOG_FORMAT=json|pretty overrides). LOG_LEVEL: trace…fatal, default info.
//
// `tillpoint start` loads this module twice, once itself and once inside
// Next's server bundle: the logger and the request context live on
// globalThis, so both copies write through one stream and see one context.

/** What a log line written while answering a request says about it (set by the HTTP server, then the route). */
export type RequestContext = { request_id?: string; route?: string; merchant_id?: string };

const LEVELS = new Set(["trace", "debug", "info", "warn", "error", "fatal", "silent"]);

// Paths pino blanks out wherever they occur in a logged object.
// pino's paths name a key at the top level or (with `*.`) one level down.
const REDACTED_PATHS = [
  "authorization",
  "Authorization",
  "*.authorization",
  "*.Authorization",
  "*.headers.authorization",
  "cookie",
  "*.cookie",
  "secret",
  "*.secret",
  "api_key",
  "*.api_key",
  "password",
  "*.password",
  "token",
  "*.token",
  "card_number",
  "*.card_number",
  "cardNumber",
  "*.cardNumber",
  "cvc",
  "*.cvc",
  "response_body",
  "*.response_body",
  "responseBody",
  "*.responseBody",
];

// And whatever reaches a line anyway (an error's message, a provider's
// answer): each written line is scrubbed of anything shaped like a secret.
const SECRET_SHAPES: [RegExp, string][] = [
  [/\bsk_(?:test|live)_[A-Za-z0-9_-]{8,}/g, "sk_[redacted]"],
  [/\bwhsec_[A-Za-z0-9+/=]{8,}/g, "whsec_[redacted]"],
  [/\beyJ[A-Za-z0-9_-]+\.eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+/g, "[redacted jwt]"],
  [/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{8,}/gi, "$1 [redacted]"],
];
// A card number: 13 to 19 digits that pass the Luhn check, written together
// or in groups split by single spaces or dashes. A run of groups ("4242 4242
// 4242 4242 12/30", "… 4242 123") is tried group by group, so digits around
// a number do not hide it.
const DIGIT_GROUPS = /\d+(?:[ -]\d+)*/g;

const scrubCards = (text: string): string =>
  text.replace(DIGIT_GROUPS, (run): string => {
    const groups = run.split(/[ -]/);
    const separators = run.match(/[ -]/g) ?? [];
    for (let first = 0; first < groups.length; first++) {
      let digits = "";
      for (let last = first; last < groups.length && digits.length < 19; last++) {
        digits += groups[last];
        if (digits.length >= 13 && digits.length <= 19 && luhnValid(digits)) {
          const joined = (from: number, to: number) =>
            groups
              .slice(from, to)
              .reduce((text, group, i) => (i === 0 ? group : text + separators[from + i - 1] + group), "");
          const before = joined(0, first);
          const after = joined(last + 1, groups.length);
          return [before, "[redacted card]", scrubCards(after)].filter(Boolean).join(" ");
        }
      }
    }
    return run;
  });

// Inside JSON strings only: a number elsewhere in the line is a field's value, and stays valid JSON.
const JSON_STRING = /"(?:[^"\\]|\\.)*"/g;

/** A log line without secrets, keys, tokens or card numbers (exported for its test). */
export const scrubSecrets = (line: string): string => {
  let scrubbed = line;
  for (const [shape, replacement] of SECRET_SHAPES) scrubbed = scrubbed.replace(shape, replacement);
  return scrubbed.replace(JSON_STRING, (string) => scrubCards(string));
};

type Shared = { logger?: Logger; context: AsyncLocalStorage<RequestContext> };
const slot = globalThis as { [key: symbol]: Shared | undefined };
const key = Symbol.for("tillpoint.log");
slot[key] ??= { context: new AsyncLocalStorage<RequestContext>() };
const shared: Shared = slot[key];

/**
 * An error as a log field: type, message, stack, and its own plain fields
 * (a code, a status), never the objects hanging off it (a database error
 * carries its whole connection, password included). Causes are followed.
 */
const serializeError = (error: unknown, depth = 0): Record<string, unknown> => {
  if (!(error instanceof Error)) return { message: String(error) };
  const fields: Record<string, unknown> = { type: error.constructor?.name ?? "Error", message: error.message };
  for (const [name, value] of Object.entries(error)) {
    if (["string", "number", "boolean"].includes(typeof value)) fields[name] = value;
  }
  fields.stack = error.stack;
  if (error.cause !== undefined && depth < 3) fields.cause = serializeError(error.cause, depth + 1);
  return fields;
};

/** The process's logger (`log`); a test passes its own destination. */
export const createLogger = (destination?: pino.DestinationStream): Logger => {
  const level = LEVELS.has(process.env.LOG_LEVEL ?? "") ? (process.env.LOG_LEVEL as string) : "info";
  const format = process.env.LOG_FORMAT ?? (process.stdout.isTTY ? "pretty" : "json");
  return pino(
    {
      level,
      base: { service: "tillpoint", pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: REDACTED_PATHS, censor: "[redacted]" },
      mixin: () => ({ ...shared.context.getStore() }),
      serializers: { err: serializeError, error: serializeError },
      hooks: { streamWrite: scrubSecrets },
    },
    destination ??
      (format === "pretty"
        ? pretty({ colorize: true, sync: true, ignore: "pid,hostname,service" })
        : pino.destination(1)),
  );
};

/** `log.info({ charge_id }, "Charge settled")`; `log.error({ err }, "…")` for an error. */
shared.logger ??= createLogger();
export const log: Logger = shared.logger;

/** Runs `work` with `context` on every line it logs, through every await. */
export const withRequestContext = <T>(context: RequestContext, work: () => T): T => shared.context.run(context, work);

/** Adds to the current request's context (the route, once the API key named the merchant). */
export const noteRequestContext = (fields: RequestContext) => {
  const current = shared.context.getStore();
  if (current) Object.assign(current, fields);
};

/** For callbacks that outlive the request they were set up in (a pool's error event): no request's context. */
export const withoutRequestContext = <T>(work: () => T): T => shared.context.exit(work);

/**
 * `console.*` of this process (Next's own lines, a library's warning) as log
 * lines too, so that every line on stdout is one JSON object.
 */
export const routeConsoleToLog = () => {
  const format = (args: unknown[]) =>
    args.map((arg) => (typeof arg === "string" ? arg : arg instanceof Error ? arg.stack : inspect(arg))).join(" ");
  const lineOf = (args: unknown[]): [Record<string, unknown>, string] => {
    const error = args.find((arg) => arg instanceof Error);
    return [error ? { err: error, source: "console" } : { source: "console" }, format(args)];
  };
  console.log = (...args: unknown[]) => log.info(...lineOf(args));
  console.info = (...args: unknown[]) => log.info(...lineOf(args));
  console.warn = (...args: unknown[]) => log.warn(...lineOf(args));
  console.error = (...args: unknown[]) => log.error(...lineOf(args));
  console.debug = (...args: unknown[]) => log.debug(...lineOf(args));
};
