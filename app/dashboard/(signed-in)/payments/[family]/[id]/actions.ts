"use server";

import { revalidatePath } from "next/cache";
import { cancelCardSession } from "@/lib/card/close-card-session";
import { refundCardSession } from "@/lib/card/refund-card-session";
import { closeCryptoSession } from "@/lib/crypto/close-crypto-session";
import { field, ownerAction } from "@/lib/dashboard/action";
import { db } from "@/lib/db/client";
import { DomainError } from "@/lib/errors";

// A payment's actions, each through the same domain function as the API.
// The refund form carries an idempotency key made when the page was drawn:
// a double click, or a retried post, finds the first refund instead of
// making a second (the API's Idempotency-Key does the same).

const detailPath = (form: FormData) => `/dashboard/payments/${field(form, "family")}/${field(form, "id")}`;

export const refundPayment = ownerAction(async ({ scope }, form) => {
  // The typed decimal goes to the domain as text: it converts it by its digits, never through a float.
  const amount = field(form, "amount").trim() || undefined;
  const refund = await refundCardSession(db(), scope, field(form, "id"), amount, `dashboard:${field(form, "key")}`);
  revalidatePath(detailPath(form));
  return { notice: `Refund ${refund.id}: ${refund.status}.` };
});

export const cancelPayment = ownerAction(async ({ scope }, form) => {
  const id = field(form, "id");
  if (field(form, "family") === "card") await cancelCardSession(db(), scope, id);
  else if (field(form, "family") === "crypto") await closeCryptoSession(db(), scope, id, "canceled");
  else throw new DomainError("state_conflict", "This payment cannot be cancelled.");
  revalidatePath(detailPath(form));
  return { notice: "Cancelled." };
});

export const expirePayment = ownerAction(async ({ scope }, form) => {
  if (field(form, "family") !== "crypto") throw new DomainError("state_conflict", "This payment cannot be expired.");
  await closeCryptoSession(db(), scope, field(form, "id"), "expired");
  revalidatePath(detailPath(form));
  return { notice: "Expired." };
});
