import { expect, type Page, test } from "@playwright/test";
import { secretOf } from "../support/crypto";
import { seedCryptoMerchant } from "./support/seed";

// The hosted crypto page (WeWire dialect's checkoutUrl): pick an asset, see the
// exact amount, address and QR code, follow the payment live (simulated in
// test mode), and end on the merchant's success or cancel URL.

const SHOP = "https://shop.example.com";
let apiKey: string;

test.beforeAll(async () => {
  apiKey = await seedCryptoMerchant("Crypto Shop");
});

const createSession = async (page: Page, overrides: Record<string, unknown> = {}) => {
  const response = await page.request.post("/api/v1/checkout", {
    headers: { Authorization: `Bearer ${apiKey}` },
    data: {
      amount: 100,
      currency: "USD",
      successUrl: `${SHOP}/success`,
      cancelUrl: `${SHOP}/cancel`,
      email: "ada@example.com",
      name: "Ada Lovelace",
      metadata: { orderId: "e2e" },
      productId: "engine",
      productName: "Analytical Engine",
      productDescription: "A general-purpose mechanical computer",
      allowedAssets: ["USDC", "ETH"],
      ...overrides,
    },
  });
  expect(response.status()).toBe(200);
  const session = await response.json();
  return { ...session, path: new URL(session.checkoutUrl).pathname };
};

// The merchant's pages are not ours to serve: the browser lands on a stand-in.
const stubShop = (page: Page) =>
  page.route(`${SHOP}/**`, (route) => route.fulfill({ contentType: "text/html", body: "<h1>Back at the shop</h1>" }));

test("pick USDC, pay part then the rest (simulated), and the page follows live to the success URL", async ({
  page,
}) => {
  await stubShop(page);
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  const session = await createSession(page);
  await page.goto(session.path);
  await expect(page.getByRole("heading", { name: "Analytical Engine" })).toBeVisible();
  await expect(page.getByText("$100.00")).toBeVisible();
  // Only the allowed assets are offered.
  await expect(page.getByRole("button", { name: /^USDT/ })).toHaveCount(0);
  await page.getByRole("button", { name: /^USDC/ }).click();

  await expect(page.getByTestId("amount-due")).toHaveText("100 USDC");
  const api = await page.request.get(`/api/v1/checkout/sessions/${session.id}`, {
    headers: { Authorization: `Bearer ${apiKey}` },
  });
  const { payment } = await api.json();
  await expect(page.getByTestId("deposit-address")).toHaveText(payment.address);
  await expect(page.getByRole("img", { name: /QR code to pay 100 USDC/ })).toBeVisible();
  await expect(page.getByTestId("quote-countdown")).toHaveText(/Rate locked for 1[45]:\d\d/);

  await page.getByRole("button", { name: "Partial payment" }).click();
  await expect(page.getByTestId("payment-status")).toContainText("50 USDC still to send");
  await expect(page.getByTestId("amount-due")).toHaveText("50 USDC");
  // The rest arrives from elsewhere (a wallet on a phone): the page learns it by polling, and leaves.
  const secret = secretOf(session.checkoutUrl, process.env.TEST_PUBLIC_BASE_URL ?? "");
  const rest = await page.request.post(`/api/hosted/crypto/${secret}/simulate`, { data: { kind: "full" } });
  expect(rest.status()).toBe(200);
  await page.waitForURL(`${SHOP}/success`);
  expect(errors).toEqual([]);
});

test("switching asset re-quotes; cancel goes back to the cancel URL and closes the session", async ({ page }) => {
  await stubShop(page);
  const session = await createSession(page);
  await page.goto(session.path);
  await page.getByRole("button", { name: /^ETH/ }).click();
  await expect(page.getByTestId("amount-due")).toHaveText("0.033333333333333334 ETH");
  await page.getByRole("button", { name: /^USDC/ }).click();
  await expect(page.getByTestId("amount-due")).toHaveText("100 USDC");
  await page.getByRole("button", { name: "Cancel and return to the merchant" }).click();
  await page.waitForURL(`${SHOP}/cancel`);
  await page.goto(session.path);
  await expect(page.getByRole("heading", { name: "This checkout was canceled" })).toBeVisible();
});

test("an expired session gets its own page; a small screen shows everything without sideways scrolling", async ({
  page,
}) => {
  const expired = await createSession(page);
  await page.request.post(`/api/v1/checkout/${expired.id}/expire`, { headers: { Authorization: `Bearer ${apiKey}` } });
  await page.goto(expired.path);
  await expect(page.getByRole("heading", { name: "This checkout has expired" })).toBeVisible();

  await page.setViewportSize({ width: 320, height: 800 });
  const open = await createSession(page);
  await page.goto(open.path);
  await page.getByRole("button", { name: /^ETH/ }).click();
  await expect(page.getByTestId("deposit-address")).toBeVisible();
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
});
