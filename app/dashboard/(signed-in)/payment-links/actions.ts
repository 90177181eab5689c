"use server";

import { redirect } from "next/navigation";
import { requestFingerprint, runIdempotently } from "@/lib/api/idempotency";
import { createCardSession } from "@/lib/card/create-card-session";
import { createCryptoSession } from "@/lib/crypto/create-crypto-session";
import { field, ownerAction } from "@/lib/dashboard/action";
import { db } from "@/lib/db/client";
import { DomainError, parseInput } from "@/lib/errors";
import { createCardSessionBody } from "@/lib/schemas/card-session";
import { createCryptoCheckoutBody } from "@/lib/schemas/crypto";
import type { MerchantScope } from "@/lib/scope";

// A payment link: a card or crypto session made from the dashboard, through
// the API's schema and create function, under the API's idempotency. The form
// carries a key made when it was drawn, so a double click or a re-posted form
// finds the first session instead of making a second.

/** A typed decimal ("19.90") as the dialects' JSON number; the schemas then convert it to minor units exactly. */
const typedAmount = (text: string) => {
  const trimmed = text.trim();
  if (!/^\d{1,10}(\.\d{1,3})?$/.test(trimmed)) {
    throw new DomainError("parameter_invalid", 'amount: must be a decimal number such as "19.90"', { param: "amount" });
  }
  return Number(trimmed);
};

const createLink = async (form: FormData, scope: MerchantScope) => {
  const amount = typedAmount(field(form, "amount"));
  const product = field(form, "product").trim();
  const reference = field(form, "reference").trim() || `LINK-${Date.now().toString(36).toUpperCase()}`;
  const firstName = field(form, "firstName");
  const lastName = field(form, "lastName");
  const email = field(form, "email");
  if (field(form, "family") === "crypto") {
    const body = parseInput(createCryptoCheckoutBody, {
      amount,
      currency: field(form, "currency").trim().toUpperCase(),
      successUrl: field(form, "successUrl"),
      cancelUrl: field(form, "failureUrl"),
      email,
      name: `${firstName} ${lastName}`.trim(),
      metadata: { source: "dashboard" },
      productId: reference,
      productName: product,
      productDescription: "",
      allowedAssets: [],
    });
    return { family: "crypto", id: (await createCryptoSession(db(), scope, body)).id };
  }
  const body = parseInput(createCardSessionBody, {
    orderReference: reference,
    paymentMethod: "card",
    currency: field(form, "currency").trim().toUpperCase(),
    amount: { total: amount },
    orderItems: [{ name: product, quantity: 1, unitPrice: amount }],
    customer: { firstName, lastName, email },
    redirectUrls: { success: field(form, "successUrl"), failure: field(form, "failureUrl") },
  });
  return { family: "card", id: (await createCardSession(db(), scope, body)).id };
};

export const createPaymentLink = ownerAction(async ({ scope }, form) => {
  const key = field(form, "key");
  if (!key) throw new DomainError("parameter_missing", "Reload the page: the form has no idempotency key.");
  // Next's own fields ($ACTION_…) are not the merchant's input.
  const fields = Object.fromEntries([...form.entries()].filter(([name]) => !name.startsWith("$")));
  const response = await runIdempotently(
    db(),
    { ...scope, method: "POST", path: "/dashboard/payment-links" },
    key,
    requestFingerprint("", fields),
    async () => Response.json(await createLink(form, scope), { status: 201 }),
  );
  const { family, id } = (await response.json()) as { family: string; id: string };
  redirect(`/dashboard/payments/${family}/${id}`);
});
