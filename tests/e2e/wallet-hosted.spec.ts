import type { Lava } from "@lavapayments/nodejs";
import { expect, test } from "@playwright/test";
import { seedWalletMerchant } from "./support/seed";

// The standalone hosted page (/checkout/{token}) for the same sessions.

let lava: Lava;
test.beforeAll(async () => {
  lava = await seedWalletMerchant("Hosted Shop");
});

const hostedPath = (token: string) => `/checkout/${encodeURIComponent(token)}`;

test("field errors appear beside their fields; a completed session reloads as its result", async ({ page }) => {
  const session = await lava.checkoutSessions.create({
    checkout_mode: "onboarding",
    origin_url: "https://shop.example.com/",
  });
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  await page.goto(hostedPath(session.checkout_session_token));

  await page.getByRole("button", { name: "Create wallet and pay" }).click();
  await expect(page.getByText("Enter your first name")).toBeVisible();
  await expect(page.getByLabel("First name")).toBeFocused();
  await page.getByLabel("Card number").fill("3782 822463 10005");
  await expect(page.getByTestId("card-brand")).toHaveText("American Express");
  await page.getByLabel("Security code").fill("123");
  await page.getByLabel("Security code").blur();
  await expect(page.getByText("The security code of this card has 4 digits")).toBeVisible();

  await page.getByLabel("First name").fill("Grace");
  await page.getByLabel("Last name").fill("Hopper");
  await page.getByLabel("E-mail").fill("grace@example.com");
  await page.getByLabel("Phone").fill("+12025550143");
  await page.getByLabel("Amount (USD)").fill("12.50");
  await page.getByLabel("Expiry (MM/YY)").fill("10/33");
  await page.getByLabel("Security code").fill("1234");
  await page.getByRole("button", { name: "Create wallet and pay" }).click();
  await expect(page.getByRole("heading", { name: "Payment complete" })).toBeVisible();
  await expect(page.getByText("$12.50 paid.")).toBeVisible();

  await page.reload();
  await expect(page.getByRole("heading", { name: "Payment complete" })).toBeVisible();
  await expect(page.getByRole("button", { name: /pay/i })).toHaveCount(0);
  expect(errors).toEqual([]);
});

test("top-up shows the current balance and the saved card, and works at 320 px", async ({ page }) => {
  const onboarding = await lava.checkoutSessions.create({
    checkout_mode: "onboarding",
    origin_url: "https://shop.example.com/",
  });
  const { secret } = JSON.parse(atob(onboarding.checkout_session_token));
  const paid = await page.request.post(`/api/hosted/wallet/${secret}`, {
    data: {
      first_name: "Alan",
      last_name: "Turing",
      email: "alan@example.com",
      phone: "+441632960961",
      amount: "20.00",
      card: { number: "5555555555554444", expiry: "01/40", cvc: "123" },
    },
  });
  const { connection_id } = await paid.json();

  const topup = await lava.checkoutSessions.create({
    checkout_mode: "topup",
    origin_url: "https://shop.example.com/",
    connection_id,
  });
  await page.setViewportSize({ width: 320, height: 700 });
  await page.goto(hostedPath(topup.checkout_session_token));
  await expect(page.getByRole("heading", { name: "Add funds to your wallet" })).toBeVisible();
  await expect(page.getByText("$20.00")).toBeVisible();
  await expect(page.getByText("Mastercard •••• 4444")).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth)).toBe(false);

  await page.getByLabel("Amount (USD)").fill("5");
  await page.getByRole("button", { name: "Add funds" }).click();
  await expect(page.getByRole("heading", { name: "Payment complete" })).toBeVisible();
  const connection = await lava.connections.retrieve(connection_id);
  expect((connection as unknown as { balance: string }).balance).toBe("25.00");
});

test("an expired session gets its own page, and a bad token the not-found page", async ({ page }) => {
  const session = await lava.checkoutSessions.create({
    checkout_mode: "onboarding",
    origin_url: "https://shop.example.com/",
  });
  const { secret } = JSON.parse(atob(session.checkout_session_token));
  // Expire it the way time would: through the database the server reads.
  const { createPrismaClient } = await import("../../lib/db/client");
  const db = createPrismaClient(process.env.TEST_SERVER_DATABASE_URL ?? "");
  await db.walletCheckoutSession.update({ where: { secret }, data: { expiresAt: new Date(Date.now() - 1000) } });
  await db.$disconnect();

  await page.goto(hostedPath(session.checkout_session_token));
  await expect(page.getByRole("heading", { name: "This checkout has expired" })).toBeVisible();
  const missing = await page.goto("/checkout/bm90LWEtdG9rZW4");
  expect(missing?.status()).toBe(404);
});
