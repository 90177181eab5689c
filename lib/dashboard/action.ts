import "server-only";
import { DomainError } from "@/lib/errors";
import { type DashboardContext, ownerContext } from "./context";

// A dashboard form's answer: an error to show beside it, or a notice.
export type ActionState = { error?: string; notice?: string };

/**
 * An owner's action: the role is checked on the server for every call, and a
 * DomainError (bad input, a refused state) becomes the form's error instead
 * of an error page. Anything else (and Next's redirects) is thrown on.
 */
export const ownerAction =
  (work: (context: DashboardContext, form: FormData) => Promise<ActionState | undefined>) =>
  async (_previous: ActionState, form: FormData): Promise<ActionState> => {
    try {
      return (await work(await ownerContext(), form)) ?? {};
    } catch (error) {
      if (error instanceof DomainError) return { error: error.message };
      throw error;
    }
  };

/** A form field as a string ("" when absent or a file). */
export const field = (form: FormData, name: string) => {
  const value = form.get(name);
  return typeof value === "string" ? value : "";
};
