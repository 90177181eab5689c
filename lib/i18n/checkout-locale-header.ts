// Apart from request-locale.ts, which the browser must not load (its locale matcher carries CLDR's language
// distance table): the hosted forms' code sends this header.

/** What a hosted page sends its own endpoints: the language it was rendered in, so their answers read in it. */
export const CHECKOUT_LOCALE_HEADER = "x-checkout-locale";
