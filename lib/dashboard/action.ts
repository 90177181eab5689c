import "server-only";
import { notFound } from "next/navigation";
import { ApiError } from "@/lib/api/errors";
import { DomainError } from "@/lib/errors";
import { type DashboardContext, ownerContext } from "./context";

// A dashboard form's answer: an error to show beside it, or a notice, and a
// secret (a new API key, a signing secret) shown this once and never again.
export type ActionState = { error?: string; notice?: string; secret?: string };

/**
 * An owner's action: the role is checked on the server for every call, and a
 * DomainError (bad input, a refused state) or an ApiError (an idempotency
 * key's refusal) becomes the form's error instead of an error page. Anything
 * else (and Next's redirects) is thrown on.
 */
export const ownerAction =
  (work: (context: DashboardContext, form: FormData) => Promise<ActionState | undefined>) =>
  async (_previous: ActionState, form: FormData): Promise<ActionState> => {
    try {
      return (await work(await ownerContext(), form)) ?? {};
    } catch (error) {
      if (error instanceof DomainError || error instanceof ApiError) return { error: error.message };
      throw error;
    }
  };

/** A form field as a string ("" when absent or a file). */
export const field = (form: FormData, name: string) => {
  const value = form.get(name);
  return typeof value === "string" ? value : "";
};

/** The named fields that were filled in, as an API body would carry them (an empty field is left out). */
export const filledFields = (form: FormData, names: readonly string[]) =>
  Object.fromEntries(names.flatMap((name) => (field(form, name).trim() ? [[name, field(form, name)]] : [])));

/** A page's lookup: a not-found DomainError (another merchant's id, a malformed one) is the 404 page. */
export const orNotFound = <T>(lookup: Promise<T>): Promise<T> =>
  lookup.catch((error: unknown) => {
    if (error instanceof DomainError && error.code === "not_found") notFound();
    throw error;
  });
