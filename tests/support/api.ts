import { after } from "node:test";
import { createPrismaClient, type Db } from "@/lib/db/client";
import { createMerchant } from "@/lib/merchants/create-merchant";
import { checkEvent, checkEveryAnswer } from "./contract";
import { inspectEveryWebhook } from "./webhook-receiver";

// API tests run against a server started by tests/run.ts, which passes its
// address and its database (the embedded one, or PostgreSQL) here.
export const BASE_URL = requiredEnv("TEST_BASE_URL");
const DATABASE_URL = requiredEnv("TEST_SERVER_DATABASE_URL");
// Domain code a test runs in this process (a renewal sweep, the reconciler)
// reaches the server's database like another instance would: the test card
// providers keep their records there.
process.env.DATABASE_URL ??= DATABASE_URL;
// …with the server's settings for provider calls, so a call made here gives up as the server's would,
// and its encryption key (its DATA_DIR's key file, or ENCRYPTION_KEY), so a secret sealed here opens there.
const SERVER_ENV = JSON.parse(process.env.TEST_SERVER_ENV ?? "{}") as Record<string, string>;
for (const [name, value] of Object.entries(SERVER_ENV)) {
  if (/^(CARD_|RECONCILE_|WALLET_|ENCRYPTION_KEY$|DATA_DIR$)/.test(name)) process.env[name] ??= value;
}

function requiredEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run API tests through \`npm test\` (tests/run.ts).`);
  return value;
}

// Every answer of the server this process gets is checked against the OpenAPI document.
// So is every webhook a receiver of this process gets: a mismatch fails the file when it ends.
checkEveryAnswer([BASE_URL, process.env.TEST_PUBLIC_BASE_URL ?? ""]);
const eventViolations: string[] = [];
inspectEveryWebhook((hook) => {
  try {
    checkEvent(hook.body);
  } catch (error) {
    eventViolations.push((error as Error).message);
  }
});
after(() => {
  if (eventViolations.length > 0) throw new Error(eventViolations.slice(0, 3).join("\n\n"));
});

let client: Db | undefined;
// Registered at load, so it belongs to the file: called inside a test it
// would close the client after that test only.
after(() => client?.$disconnect());

/** Direct database access, to seed and to check what the API wrote (or did not). */
export const testDb = (): Db => {
  client ??= createPrismaClient(DATABASE_URL);
  return client;
};

/** A fresh merchant with a test key: every test file gets its own world. */
export const seedMerchant = async (name = "Test Merchant") => {
  const { merchant, secret } = await createMerchant(testDb(), { name });
  return { merchantId: merchant.id, apiKey: secret };
};

type RequestOptions = { method?: string; key?: string; body?: unknown; headers?: Record<string, string> };

export const api = async (path: string, { method = "GET", key, body, headers = {} }: RequestOptions = {}) => {
  const response = await fetch(`${BASE_URL}${path}`, {
    method,
    headers: {
      ...(key ? { Authorization: `Bearer ${key}` } : {}),
      ...(body !== undefined ? { "Content-Type": "application/json" } : {}),
      ...headers,
    },
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
  });
  const text = await response.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, text, json: json as Record<string, any> };
};
