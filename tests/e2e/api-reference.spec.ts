import { expect, test } from "@playwright/test";

// The interactive API reference (/docs/api): Scalar's bundle from our own
// origin over /api/openapi.json, under the pages' CSP — nothing refused,
// nothing thrown, every dialect's operations listed.

test("the API reference renders the document's operations under the page CSP", async ({ page, baseURL }) => {
  const problems: string[] = [];
  const thrown: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(message.text());
  });
  page.on("pageerror", (error) => thrown.push(error.message));
  const outside: string[] = [];
  page.on("request", (request) => {
    const url = new URL(request.url());
    if (url.origin !== new URL(baseURL ?? "").origin && url.protocol !== "data:") {
      outside.push(request.url());
    }
  });

  const response = await page.goto("/docs/api");
  expect(response?.status()).toBe(200);
  const policy = response?.headers()["content-security-policy"] ?? "";
  expect(policy).toContain("'strict-dynamic'");
  expect(policy).not.toContain("unsafe-eval");
  await expect(page.getByText("Tillpoint API", { exact: true }).first()).toBeVisible({ timeout: 20_000 });
  for (const tag of ["Wallet (Lava)", "Crypto (WeWire)", "Card (Kadosei)", "Webhooks and events"]) {
    await expect(page.getByText(tag, { exact: true }).first()).toBeAttached();
  }
  await expect(page.getByText("List checkout sessions").first()).toBeAttached();
  expect(
    problems.filter((text) => /Content Security Policy|Refused/.test(text)),
    "nothing refused",
  ).toEqual([]);
  expect(thrown, "nothing thrown").toEqual([]);
  expect(outside, "the reference fetches nothing from other origins").toEqual([]);
});
