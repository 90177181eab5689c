import { expect, type Page, test } from "@playwright/test";
import { seedSessionBody, TEST_CARDS } from "../support/card";
import { expireCardSession, seedCardMerchant } from "./support/seed";

// The hosted card page (Kadosei dialect's checkoutUrl): the order, the
// customer, a card form checked as it is typed, declines with a retry, the
// 3-D Secure step, and the way back to the merchant with the session id.

const SHOP = "https://merchant.example.com";
let apiKey: string;

test.beforeAll(async () => {
  apiKey = await seedCardMerchant("Headphone Shop");
});

const createSession = async (page: Page, overrides: Record<string, unknown> = {}) => {
  const response = await page.request.post("/api/v1/sessions", {
    headers: { Authorization: `Bearer ${apiKey}`, "Idempotency-Key": crypto.randomUUID() },
    data: seedSessionBody(overrides),
  });
  expect(response.status()).toBe(201);
  const session = await response.json();
  return { ...session, path: new URL(session.checkoutUrl).pathname } as { sessionId: string; path: string };
};

const getSession = async (page: Page, id: string) =>
  (await page.request.get(`/api/v1/sessions/${id}`, { headers: { Authorization: `Bearer ${apiKey}` } })).json();

// The merchant's pages are not ours to serve: the browser lands on a stand-in.
const stubShop = (page: Page) =>
  page.route(`${SHOP}/**`, (route) => route.fulfill({ contentType: "text/html", body: "<h1>Back at the shop</h1>" }));

const fillCard = async (page: Page, number: string, cvc = "123") => {
  await page.getByLabel("Card number").fill(number);
  await page.getByLabel("Expiry (MM/YY)").fill("12/34");
  await page.getByLabel("Security code").fill(cvc);
};

const payButton = (page: Page) => page.getByRole("button", { name: /^Pay / });

test("the order in the session's locale, the customer, then 4242 pays and returns to the success URL", async ({
  page,
}) => {
  await stubShop(page);
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  const session = await createSession(page);
  await page.goto(session.path);
  await expect(page.getByRole("heading", { name: "Pay $140.76" })).toBeVisible();
  const summary = page.getByRole("region", { name: "Order summary" });
  await expect(summary).toContainText("ORD-2024-001");
  await expect(summary).toContainText("Wireless Headphones × 1");
  await expect(summary).toContainText("$119.00");
  await expect(summary).toContainText("Shipping$9.95");
  await expect(summary).toContainText("Tax$11.81");
  await expect(summary).toContainText("Total$140.76");
  await expect(page.getByText("Jane Smith")).toBeVisible();
  await expect(page.getByText("123 Collins Street, Level 5, Melbourne VIC 3000, Australia").first()).toBeVisible();

  await fillCard(page, TEST_CARDS.succeeds);
  await expect(page.getByTestId("card-brand")).toHaveText("Visa");
  await expect(page.getByTestId("card-brand-icon")).toHaveAttribute("data-brand", "visa");
  await payButton(page).click();
  await page.waitForURL(`${SHOP}/checkout/success?sessionId=${session.sessionId}`);
  expect(errors).toEqual([]);

  const paid = await getSession(page, session.sessionId);
  expect(paid.status).toBe("SUCCEEDED");
  // Back on the hosted page: the finished session has a page of its own.
  await page.goto(session.path);
  await expect(page.getByRole("heading", { name: "Payment complete" })).toBeVisible();
  await expect(page.getByText("card ending in 4242")).toBeVisible();
});

test("a declined card shows why and lets the customer retry with another card", async ({ page }) => {
  await stubShop(page);
  const session = await createSession(page);
  await page.goto(session.path);
  await fillCard(page, TEST_CARDS.declined);
  await payButton(page).click();
  await expect(page.getByTestId("payment-error")).toHaveText("The card was declined. (2 attempts left)");
  await expect(page).toHaveURL(new RegExp(session.path));
  await fillCard(page, TEST_CARDS.succeeds);
  await payButton(page).click();
  await page.waitForURL(`${SHOP}/checkout/success?sessionId=${session.sessionId}`);
  const paid = await getSession(page, session.sessionId);
  expect(paid.attempts.map((attempt: { outcome: string }) => attempt.outcome)).toEqual(["declined", "succeeded"]);
});

test("a processing error at the first provider cascades to the next, and the customer just sees success", async ({
  page,
}) => {
  await stubShop(page);
  const session = await createSession(page);
  await page.goto(session.path);
  await fillCard(page, TEST_CARDS.processingError);
  await payButton(page).click();
  await page.waitForURL(`${SHOP}/checkout/success?sessionId=${session.sessionId}`);
  const paid = await getSession(page, session.sessionId);
  const calls = paid.attempts[0].providerCalls;
  expect(calls).toHaveLength(2);
  expect(calls[0].declineCode).toBe("processing_error");
  expect(calls[1].outcome).toBe("succeeded");
  expect(calls[1].provider).not.toBe(calls[0].provider);
});

test("3-D Secure: the challenge step, then success", async ({ page }) => {
  await stubShop(page);
  const session = await createSession(page);
  await page.goto(session.path);
  await fillCard(page, TEST_CARDS.threeDSecure);
  await payButton(page).click();
  const challenge = page.getByRole("heading", { name: "Confirm it is you" });
  await expect(challenge).toBeVisible();
  await expect(challenge).toBeFocused();
  await expect(page.getByText(/confirm the payment of \$140\.76 to Headphone Shop/)).toBeVisible();
  // A reload keeps the customer on the challenge, not on a second payment.
  await page.reload();
  await expect(page.getByRole("heading", { name: "Confirm it is you" })).toBeVisible();
  await page.getByRole("button", { name: "Complete authentication" }).click();
  await page.waitForURL(`${SHOP}/checkout/success?sessionId=${session.sessionId}`);
});

test("3-D Secure failed: back to the card form with the reason", async ({ page }) => {
  const session = await createSession(page);
  await page.goto(session.path);
  await fillCard(page, TEST_CARDS.threeDSecure);
  await payButton(page).click();
  await page.getByRole("button", { name: "Fail authentication" }).click();
  await expect(page.getByTestId("payment-error")).toHaveText(
    "Your bank could not confirm the payment. (2 attempts left)",
  );
  await expect(payButton(page)).toBeVisible();
  expect((await getSession(page, session.sessionId)).status).toBe("PENDING");
});

test("the card form checks as the customer types: Luhn, brand, expiry and CVC length", async ({ page }) => {
  const session = await createSession(page);
  await page.goto(session.path);
  await page.getByLabel("Card number").fill("4242 4242 4242 4241");
  await page.getByLabel("Expiry (MM/YY)").fill("01/20");
  await page.getByLabel("Security code").fill("12");
  await payButton(page).click();
  await expect(page.getByText("This card number is not valid")).toBeVisible();
  await expect(page.getByText("This card has expired")).toBeVisible();
  await expect(page.getByText("The security code has 3 or 4 digits")).toBeVisible();
  await expect(page.getByLabel("Card number")).toHaveAttribute("aria-invalid", "true");

  await page.getByLabel("Card number").fill(TEST_CARDS.amex);
  await expect(page.getByTestId("card-brand")).toHaveText("American Express");
  await expect(page.getByTestId("card-brand-icon")).toHaveAttribute("data-brand", "amex");
  await page.getByLabel("Expiry (MM/YY)").fill("12/34");
  await page.getByLabel("Security code").fill("123");
  await payButton(page).click();
  await expect(page.getByText("The security code of this card has 4 digits")).toBeVisible();
  // Nothing reached the server.
  expect((await getSession(page, session.sessionId)).attempts).toEqual([]);
});

test("expired and cancelled sessions get their own pages", async ({ page }) => {
  const expired = await createSession(page);
  await expireCardSession(expired.sessionId);
  await page.goto(expired.path);
  await expect(page.getByRole("heading", { name: "This checkout has expired" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Return to Headphone Shop" })).toHaveAttribute(
    "href",
    `${SHOP}/checkout/failure?sessionId=${expired.sessionId}`,
  );
  await expect(payButton(page)).toHaveCount(0);

  const cancelled = await createSession(page);
  await page.request.post(`/api/v1/sessions/${cancelled.sessionId}/cancel`, {
    headers: { Authorization: `Bearer ${apiKey}` },
  });
  await page.goto(cancelled.path);
  await expect(page.getByRole("heading", { name: "This checkout was cancelled" })).toBeVisible();
});

test("another locale and currency (the session's German); 320 px wide with no horizontal scroll", async ({ page }) => {
  await page.setViewportSize({ width: 320, height: 740 });
  const session = await createSession(page, {
    currency: "EUR",
    locale: "de_DE",
    amount: { total: 1234.5 },
    orderItems: [{ name: "Studio-Kopfhörer", quantity: 2, unitPrice: 617.25 }],
  });
  await page.goto(session.path);
  await expect(page.getByRole("heading", { name: "1.234,50 € bezahlen" })).toBeVisible();
  await expect(page.getByText("Studio-Kopfhörer × 2")).toBeVisible();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
});
