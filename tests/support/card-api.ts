import assert from "node:assert/strict";
import { api } from "./api";
import { cardForm, seedSessionBody, TEST_CARDS } from "./card";
import { secretOf } from "./crypto";
import { PUBLIC_BASE_URL } from "./wallet";

// Card sessions through the API and the hosted page's endpoints, as a
// merchant's server and the customer's browser call them.

export const createSession = async (apiKey: string, overrides: Record<string, unknown> = {}) => {
  const response = await api("/api/v1/sessions", {
    method: "POST",
    key: apiKey,
    body: seedSessionBody(overrides),
    headers: { "Idempotency-Key": crypto.randomUUID() },
  });
  assert.equal(response.status, 201, response.text);
  return { id: response.json.sessionId as string, secret: secretOf(response.json.checkoutUrl, PUBLIC_BASE_URL) };
};

export const pay = (secret: string, number: string, overrides: Record<string, string> = {}) =>
  api(`/api/hosted/card/${secret}/pay`, { method: "POST", body: cardForm(number, overrides) });

export const paidSession = async (apiKey: string) => {
  const session = await createSession(apiKey);
  const paid = await pay(session.secret, TEST_CARDS.succeeds);
  assert.equal(paid.status, 200, paid.text);
  return session;
};

export const refund = (apiKey: string, id: string, body: unknown = {}, key: string | null = crypto.randomUUID()) =>
  api(`/api/v1/sessions/${id}/refunds`, {
    method: "POST",
    key: apiKey,
    body,
    headers: key === null ? {} : { "Idempotency-Key": key },
  });
