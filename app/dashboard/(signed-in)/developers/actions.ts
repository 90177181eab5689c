"use server";

import { revalidatePath } from "next/cache";
import { updateCryptoSettings } from "@/lib/crypto/crypto-settings";
import { field, filledFields, ownerAction } from "@/lib/dashboard/action";
import { db } from "@/lib/db/client";
import { parseInput } from "@/lib/errors";
import { createApiKey } from "@/lib/merchants/create-api-key";
import { revokeApiKey } from "@/lib/merchants/revoke-api-key";
import { createApiKeyBody } from "@/lib/schemas/api-key";
import { cryptoSettingsBody } from "@/lib/schemas/crypto";
import { createWebhookEndpointBody, updateWebhookEndpointBody } from "@/lib/schemas/webhooks";
import { resendWebhookDelivery } from "@/lib/webhooks/resend-webhook-delivery";
import {
  createWebhookEndpoint,
  rotateWebhookSecret,
  updateWebhookEndpoint,
} from "@/lib/webhooks/save-webhook-endpoint";
import { sendTestEvent } from "@/lib/webhooks/send-test-event";

// The Developers section's actions, each through the API's schema and domain
// function: a key or an endpoint made here is the one the API would make.

const DEVELOPERS = "/dashboard/developers";
const endpointPath = (form: FormData) => `${DEVELOPERS}/webhooks/${field(form, "id")}`;

/** The endpoint form's event filter: the boxes ticked, or every type when none is. */
const eventsOf = (form: FormData) => {
  const ticked = form.getAll("events").filter((value): value is string => typeof value === "string");
  return ticked.length ? ticked : ["*"];
};

export const createKey = ownerAction(async ({ scope }, form) => {
  const body = parseInput(createApiKeyBody, filledFields(form, ["name"]));
  const { apiKey, secret } = await createApiKey(db(), scope, body.name);
  revalidatePath(DEVELOPERS);
  return { notice: `Key ${apiKey.id} created.`, secret };
});

export const revokeKey = ownerAction(async ({ scope }, form) => {
  const key = await revokeApiKey(db(), scope, field(form, "id"));
  revalidatePath(DEVELOPERS);
  return { notice: `Key ${key.redacted} revoked: the API refuses it from now on.` };
});

export const createEndpoint = ownerAction(async ({ scope }, form) => {
  const body = parseInput(createWebhookEndpointBody, {
    ...filledFields(form, ["url", "description"]),
    events: eventsOf(form),
  });
  const { endpoint, secret } = await createWebhookEndpoint(db(), scope, body);
  revalidatePath(DEVELOPERS);
  return { notice: `Endpoint ${endpoint.id} created. Its signing secret:`, secret };
});

export const updateEndpoint = ownerAction(async ({ scope }, form) => {
  const body = parseInput(updateWebhookEndpointBody, {
    url: field(form, "url"),
    description: field(form, "description"),
    events: eventsOf(form),
  });
  await updateWebhookEndpoint(db(), scope, field(form, "id"), body);
  revalidatePath(endpointPath(form));
  return { notice: "Saved." };
});

export const setEndpointStatus = ownerAction(async ({ scope }, form) => {
  const body = parseInput(updateWebhookEndpointBody, { status: field(form, "status") });
  await updateWebhookEndpoint(db(), scope, field(form, "id"), body);
  revalidatePath(endpointPath(form));
  return { notice: body.status === "enabled" ? "Enabled." : "Disabled: nothing is sent to it until it is enabled." };
});

export const rotateSecret = ownerAction(async ({ scope }, form) => {
  const { endpoint, secret } = await rotateWebhookSecret(db(), scope, field(form, "id"));
  revalidatePath(endpointPath(form));
  return {
    notice: `New secret. The old one also signs until ${endpoint.previousSecretExpiresAt?.toISOString()}.`,
    secret,
  };
});

export const sendTest = ownerAction(async ({ scope }, form) => {
  const delivery = await sendTestEvent(db(), scope, field(form, "id"));
  revalidatePath(endpointPath(form));
  return { notice: `Test event ${delivery.eventId} queued; reload to see its delivery.` };
});

/** From an endpoint's log, the event log or a payment's page: every page that shows the delivery is redrawn. */
export const resendDelivery = ownerAction(async ({ scope }, form) => {
  await resendWebhookDelivery(db(), scope, field(form, "endpoint"), field(form, "delivery"));
  revalidatePath("/dashboard", "layout");
  return { notice: "Queued to be sent again." };
});

export const saveCryptoSettings = ownerAction(async ({ scope }, form) => {
  const body = parseInput(cryptoSettingsBody, filledFields(form, ["xpub"]));
  const settings = await updateCryptoSettings(db(), scope, body);
  revalidatePath(DEVELOPERS);
  return { notice: `Saved. The next deposit address is ${settings.nextAddress}.` };
});
