import type { FieldValues, Resolver } from "react-hook-form";
import type { RESOLVERS } from "./form-resolvers";

// A hosted form validates with its server schema (./form-resolvers), fetched on
// first use instead of with the page: the customer sees the form sooner, and
// the code arrives while they type (preloadResolvers on the first focus).

type FormName = keyof typeof RESOLVERS;

let loading: Promise<typeof RESOLVERS> | undefined;
const load = () => {
  loading ??= import("./form-resolvers").then((module) => module.RESOLVERS);
  return loading;
};

/** Starts fetching the resolvers (a form's first focus). */
export const preloadResolvers = () => void load().catch(() => {});

/** The resolver of `form`, loaded when first called; a failed fetch is tried again at the next call. */
export const lazyResolver =
  <Values extends FieldValues>(form: FormName): Resolver<Values> =>
  async (values, context, options) => {
    const resolvers = await load().catch((error: unknown) => {
      loading = undefined;
      throw error;
    });
    return (resolvers[form] as unknown as Resolver<Values>)(values, context, options);
  };
