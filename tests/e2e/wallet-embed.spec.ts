import type { Lava } from "@lavapayments/nodejs";
import { expect, type Page, test } from "@playwright/test";
import { startMerchantSite } from "./support/merchant-site";
import { seedWalletMerchant } from "./support/seed";

// Lava's own front-end hook (@lavapayments/checkout) on a merchant page of
// another origin opens our embed in its iframe; the customer pays inside it.

let lava: Lava;
let site: Awaited<ReturnType<typeof startMerchantSite>>;

test.beforeAll(async () => {
  lava = await seedWalletMerchant("Embed Shop");
  site = await startMerchantSite();
});
test.afterAll(async () => {
  await site?.close();
});

const openCheckout = async (page: Page, token: string) => {
  await page.goto(`${site.origin}/?token=${encodeURIComponent(token)}`);
  await page.getByRole("button", { name: "Open checkout" }).click();
  return page.frameLocator("iframe");
};

test("onboarding in the iframe: a decline keeps what was typed, then onSuccess gets the new connection", async ({
  page,
}) => {
  const session = await lava.checkoutSessions.create({ checkout_mode: "onboarding", origin_url: `${site.origin}/` });
  const frame = await openCheckout(page, session.checkout_session_token);

  await expect(frame.getByRole("heading", { name: "Set up your wallet" })).toBeVisible();
  await frame.getByLabel("First name").fill("Ada");
  await frame.getByLabel("Last name").fill("Lovelace");
  await frame.getByLabel("E-mail").fill("ada@example.com");
  await frame.getByLabel("Phone").fill("+14155550123");
  await frame.getByLabel("Amount (USD)").fill("40.00");
  await frame.getByLabel("Card number").fill("4000 0000 0000 0002");
  await frame.getByLabel("Expiry (MM/YY)").fill("12/34");
  await frame.getByLabel("Security code").fill("123");
  await frame.getByRole("button", { name: "Create wallet and pay" }).click();

  await expect(frame.getByRole("alert").filter({ hasText: "declined" })).toHaveText("The card was declined.");
  await expect(frame.getByLabel("First name")).toHaveValue("Ada");
  await expect(frame.getByLabel("Amount (USD)")).toHaveValue("40.00");
  await expect(frame.getByLabel("Card number")).toHaveAttribute("aria-invalid", "true");

  await frame.getByLabel("Card number").fill("4242 4242 4242 4242");
  await frame.getByRole("button", { name: "Create wallet and pay" }).click();

  const result = page.getByTestId("result");
  await expect(result).toHaveText(new RegExp(`^success ${session.checkout_session_id} con_test_[0-9A-Z]{26}$`));
  // The hook removes its iframe once it has the result.
  await expect(page.locator("iframe")).toHaveCount(0);
  const connectionId = (await result.textContent())?.split(" ")[2] ?? "";
  const connection = await lava.connections.retrieve(connectionId);
  expect(connection.customer.email).toBe("ada@example.com");
  expect((connection as unknown as { balance: string }).balance).toBe("40.00");
});

test("cancel in the iframe calls onCancel and charges nothing", async ({ page }) => {
  const session = await lava.checkoutSessions.create({ checkout_mode: "onboarding", origin_url: `${site.origin}/` });
  const frame = await openCheckout(page, session.checkout_session_token);
  await frame.getByRole("button", { name: "Cancel" }).click();
  await expect(page.getByTestId("result")).toHaveText(`cancel ${session.checkout_session_id}`);
  const retrieved = await lava.request<{ status: string }>("GET", `checkout_sessions/${session.checkout_session_id}`);
  expect(retrieved.status).toBe("open");
});

test("a page of any other origin cannot frame the embed", async ({ page }) => {
  // The session belongs to another site: this page's origin is not its origin_url.
  const session = await lava.checkoutSessions.create({
    checkout_mode: "onboarding",
    origin_url: "https://shop.example.com/",
  });
  const refused = page.waitForEvent("console", {
    predicate: (message) => /frame-ancestors/.test(message.text()),
  });
  const frame = await openCheckout(page, session.checkout_session_token);
  expect((await refused).text()).toContain("https://shop.example.com");
  await expect(frame.getByRole("heading", { name: "Set up your wallet" })).toHaveCount(0);
});
