import { zodResolver } from "@hookform/resolvers/zod";
import type { FieldValues, Resolver } from "react-hook-form";
import type * as z from "zod/mini";
import { cardPaymentForm } from "@/lib/schemas/card";
import {
  creditBundleForm,
  newSubscriberForm,
  onboardingForm,
  subscriptionForm,
  topupForm,
} from "@/lib/schemas/wallet-forms";

// The hosted forms' resolvers: each form's schema is the server's own, so what
// the browser accepts the API accepts, with the same messages. This module
// (zod/mini and the schemas, about 20 KB gzip) is not part of a hosted page's
// first load: lazyResolver fetches it when the customer first focuses a field
// or submits (README "Performance").

/** The browser posts what was typed (`raw`); the server turns amounts into cents. */
const resolverOf = (schema: z.core.$ZodType) =>
  zodResolver(schema as z.core.$ZodType<unknown, FieldValues>, undefined, { raw: true });

export const RESOLVERS = {
  card: resolverOf(cardPaymentForm),
  onboarding: resolverOf(onboardingForm),
  topup: resolverOf(topupForm),
  subscription: resolverOf(subscriptionForm),
  new_subscriber: resolverOf(newSubscriberForm),
  credit_bundle: resolverOf(creditBundleForm),
} satisfies Record<string, Resolver<FieldValues>>;
