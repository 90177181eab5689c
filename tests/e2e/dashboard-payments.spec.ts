import { expect, type Page, test } from "@playwright/test";
import { seedSessionBody, TEST_CARDS } from "../support/card";
import { startReceiver } from "../support/webhook-receiver";
import { expectNoAxeViolations, newPage, signIn } from "./support/dashboard";
import { seedDashboardMerchant } from "./support/seed";

// The payments list and a payment's page, as a merchant uses them: find a
// payment by the customer's e-mail, refund part of it, see the webhook
// delivery; a viewer is refused by the server; another merchant gets not-found.

const SHOP = "https://merchant.example.com";

/** A card session created over the API and paid with 4242 on its hosted page. */
const paidCardSession = async (page: Page, apiKey: string, email: string, orderReference: string) => {
  const response = await page.request.post("/api/v1/sessions", {
    headers: { Authorization: `Bearer ${apiKey}`, "Idempotency-Key": crypto.randomUUID() },
    data: seedSessionBody({ orderReference, customer: { ...seedSessionBody().customer, email } }),
  });
  expect(response.status()).toBe(201);
  const session = await response.json();
  await page.route(`${SHOP}/**`, (route) => route.fulfill({ contentType: "text/html", body: "<h1>Shop</h1>" }));
  await page.goto(new URL(session.checkoutUrl).pathname);
  await page.getByLabel("Card number").fill(TEST_CARDS.succeeds);
  await page.getByLabel("Expiry (MM/YY)").fill("12/34");
  await page.getByLabel("Security code").fill("123");
  await page.getByRole("button", { name: /^Pay / }).click();
  await page.waitForURL(`${SHOP}/**`);
  return session.sessionId as string;
};

test("find a payment by the customer's e-mail, refund part of it and see the webhook delivery", async ({ page }) => {
  const { apiKey, users } = await seedDashboardMerchant("Refund Shop");
  const receiver = await startReceiver();
  try {
    const created = await page.request.post("/api/v1/webhooks", {
      headers: { Authorization: `Bearer ${apiKey}` },
      data: { url: receiver.url },
    });
    expect(created.status()).toBe(201);
    receiver.trust((await created.json()).secret);

    const email = `ada.${Date.now()}@example.com`;
    const sessionId = await paidCardSession(page, apiKey, email, "ORD-FIND-ME");
    await paidCardSession(page, apiKey, "someone.else@example.com", "ORD-OTHER");

    await signIn(page, users[0]);
    await page.getByRole("link", { name: "Payments" }).click();
    await expect(page.getByTestId("payment-row")).toHaveCount(2);
    await expectNoAxeViolations(page);
    await page.getByLabel("Search payments").fill(email.toUpperCase());
    await page.getByRole("button", { name: "Search" }).click();
    await expect(page).toHaveURL(/[?&]q=/);
    await expect(page.getByTestId("payment-row")).toHaveCount(1);
    await expect(page.getByTestId("payment-row")).toContainText(email);

    await page.getByRole("link", { name: "Card order ORD-FIND-ME" }).click();
    await expect(page.getByTestId("payment-status")).toContainText("SUCCEEDED");
    await expect(page.getByTestId("timeline")).toContainText("Attempt 1: succeeded");
    await expect(page.getByText("Routing decisions")).toBeVisible();
    await expectNoAxeViolations(page);

    // A wrong amount is the form's clear error, and refunds nothing.
    await page.getByLabel(/^Amount in AUD/).fill("-5");
    await page.getByRole("button", { name: "Refund" }).click();
    await expect(page.getByTestId("action-error")).toHaveText("amount: must be greater than zero");
    await page.getByLabel(/^Amount in AUD/).fill("40.76");
    await page.getByRole("button", { name: "Refund" }).click();
    await expect(page.getByTestId("action-notice")).toContainText(/Refund re_\w+: succeeded/);
    await page.reload();
    await expect(page.getByTestId("payment-status")).toContainText("PARTIALLY_REFUNDED");
    await expect(page.getByTestId("timeline")).toContainText("Refund succeeded");
    await expect(page.getByTestId("timeline")).toContainText("A$40.76");

    // The refund's event went out to the endpoint; its delivery shows on the page and can be sent again.
    await expect
      .poll(() => receiver.accepted().filter((hook) => hook.body.includes("refund")).length, { timeout: 30_000 })
      .toBeGreaterThan(0);
    await page.reload();
    const events = page.getByTestId("payment-events");
    await expect(events).toContainText("refund.");
    await expect(page.getByTestId("delivery-status").first()).toContainText("delivered");
    const before = receiver.accepted().length;
    await page.getByRole("button", { name: "Re-send" }).first().click();
    await expect(page.getByTestId("action-notice").last()).toHaveText("Queued to be sent again.");
    await expect.poll(() => receiver.accepted().length, { timeout: 30_000 }).toBeGreaterThan(before);

    const api = await page.request.get(`/api/v1/sessions/${sessionId}`, {
      headers: { Authorization: `Bearer ${apiKey}` },
    });
    expect((await api.json()).amount.refunded).toBe(40.76);
  } finally {
    await receiver.down();
  }
});

test("filters, keyset pages and the CSV export", async ({ page }) => {
  const { apiKey, users } = await seedDashboardMerchant("Many Payments");
  for (let index = 0; index < 27; index++) {
    const response = await page.request.post("/api/v1/sessions", {
      headers: { Authorization: `Bearer ${apiKey}`, "Idempotency-Key": crypto.randomUUID() },
      data: seedSessionBody({
        orderReference: `ORD-${String(index).padStart(3, "0")}`,
        amount: { total: 10 + index },
        orderItems: [{ name: "Thing", quantity: 1, unitPrice: 10 + index }],
      }),
    });
    expect(response.status()).toBe(201);
  }
  await signIn(page, users[0]);
  await page.goto("/dashboard/payments");
  await expect(page.getByTestId("payment-row")).toHaveCount(25);
  await expect(page.getByTestId("payment-row").first()).toContainText("ORD-026");
  await page.getByRole("link", { name: "Older →" }).click();
  await expect(page.getByTestId("payment-row")).toHaveCount(2);
  await expect(page.getByTestId("payment-row").last()).toContainText("ORD-000");
  await page.getByRole("link", { name: "← Newer" }).click();
  await expect(page.getByTestId("payment-row")).toHaveCount(25);
  await expect(page.getByTestId("payment-row").first()).toContainText("ORD-026");

  await page.goto("/dashboard/payments?family=card&currency=AUD&min=20&max=22.00");
  await expect(page.getByTestId("payment-row")).toHaveCount(3);
  await page.goto("/dashboard/payments?family=crypto");
  await expect(page.getByTestId("payments-empty")).toHaveText("No payment matches these filters.");
  await page.goto("/dashboard/payments?min=5");
  await expect(page.getByTestId("filters-error")).toHaveText("Choose a currency to filter by amount.");

  const csv = await page.request.get("/dashboard/payments-export?currency=AUD&min=20&max=22");
  expect(csv.headers()["content-type"]).toContain("text/csv");
  const lines = (await csv.text()).trim().split("\r\n");
  expect(lines[0]).toBe(
    "id,family,status,native_status,amount,currency,customer_email,reference,description,created_at",
  );
  expect(lines.slice(1).map((line) => line.split(",")[4])).toEqual(["22.00", "21.00", "20.00"]);
  const all = (await (await page.request.get("/dashboard/payments-export")).text()).trim().split("\r\n");
  expect(all).toHaveLength(28);
});

test("a viewer sees no actions, and the server refuses one posted anyway", async ({ browser }) => {
  const { apiKey, users } = await seedDashboardMerchant("Viewer Shop", ["owner", "viewer"]);
  const [owner, viewer] = users;
  const ownerPage = await newPage(browser);
  const sessionId = await paidCardSession(ownerPage, apiKey, "v@example.com", "ORD-VIEW");

  const viewerPage = await newPage(browser);
  await signIn(viewerPage, viewer);
  await viewerPage.goto(`/dashboard/payments/card/${sessionId}`);
  await expect(viewerPage.getByTestId("payment-status")).toContainText("SUCCEEDED");
  await expect(viewerPage.getByRole("button", { name: "Refund" })).toHaveCount(0);

  // The owner's page, with the viewer's session cookie in its place: the form is there, the server says no.
  await signIn(ownerPage, owner);
  await ownerPage.goto(`/dashboard/payments/card/${sessionId}`);
  await ownerPage.context().clearCookies();
  await ownerPage.context().addCookies(await viewerPage.context().cookies());
  await ownerPage.getByRole("button", { name: "Refund" }).click();
  await expect(ownerPage.getByTestId("action-error")).toHaveText(
    "Your role is viewer: only an owner can change anything.",
  );
  const api = await ownerPage.request.get(`/api/v1/sessions/${sessionId}`, {
    headers: { Authorization: `Bearer ${apiKey}` },
  });
  expect((await api.json()).status, "nothing was refunded").toBe("SUCCEEDED");
});

test("tenancy: another merchant's payment is not found, in either mode", async ({ browser }) => {
  const a = await seedDashboardMerchant("Tenant A");
  const b = await seedDashboardMerchant("Tenant B");
  const page = await newPage(browser);
  const sessionId = await paidCardSession(page, a.apiKey, "a@example.com", "ORD-A");
  await signIn(page, b.users[0]);
  const response = await page.goto(`/dashboard/payments/card/${sessionId}`);
  expect(response?.status()).toBe(404);
  // Malformed ids and unknown families are the same not-found, never an error page.
  for (const path of [
    "/dashboard/payments/card/%25",
    "/dashboard/payments/card/not-a-uuid",
    "/dashboard/payments/cheque/x",
  ]) {
    expect((await page.goto(path))?.status(), path).toBe(404);
  }
  await page.goto("/dashboard/payments");
  await expect(page.getByTestId("payments-empty")).toBeVisible();
  const csv = (await (await page.request.get("/dashboard/payments-export")).text()).trim().split("\r\n");
  expect(csv).toHaveLength(1);
});
