import { z } from "zod";
import { DomainError } from "@/lib/errors";
import type { Mode } from "@/lib/ids";

// contract "Conventions shared by every API": every URL a hosted page sends a customer to (or trusts as its
// parent frame) is an absolute https: URL; http: only for localhost and only
// in test mode. Anything else, javascript: included, is refused at creation.

const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

/** localhost, 127.0.0.1 or [::1]: this machine. */
export const isLocalHost = (url: URL) => LOCAL_HOSTS.has(url.hostname);

const isLocalHttp = (url: URL) => url.protocol === "http:" && isLocalHost(url);

/** The shape every mode accepts; `assertRedirectUrlMode` adds the live-mode rule. */
export const redirectUrlSchema = z
  .string()
  .max(2048, "must have at most 2048 characters")
  .refine((value) => URL.canParse(value), "must be an absolute URL such as https://shop.example.com/")
  .refine((value) => {
    if (!URL.canParse(value)) return true;
    const url = new URL(value);
    return url.protocol === "https:" || isLocalHttp(url);
  }, "must be an https: URL (http: is allowed for localhost in test mode)")
  .refine((value) => {
    if (!URL.canParse(value)) return true;
    const url = new URL(value);
    return !url.username && !url.password;
  }, "must not contain a user name or password");

export const assertRedirectUrlMode = (value: string, mode: Mode, param: string) => {
  if (mode === "live" && isLocalHttp(new URL(value))) {
    throw new DomainError("parameter_invalid", `${param} must be an https: URL in live mode.`, { param });
  }
};
