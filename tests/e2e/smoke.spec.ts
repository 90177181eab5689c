import { expect, test } from "@playwright/test";

test("the landing page says what Tillpoint is and links to the docs", async ({ page }) => {
  const errors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  page.on("pageerror", (error) => errors.push(error.message));

  const response = await page.goto("/");
  expect(response?.status()).toBe(200);
  expect(response?.headers()["x-request-id"]).toMatch(/^req_/);
  await expect(page).toHaveTitle("Tillpoint");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Hosted checkout you run yourself");
  for (const base of ["/v1/", "/api/v1/checkout", "/api/v1/sessions"]) {
    await expect(page.getByText(base, { exact: true })).toBeVisible();
  }

  await page.getByRole("link", { name: "Read the API documentation" }).click();
  await expect(page).toHaveURL(/\/docs$/);
  await expect(page.getByRole("heading", { name: "Idempotency" })).toBeVisible();
  expect(errors).toEqual([]);
});

test("the page works at 320 px and styles are applied", async ({ page }) => {
  await page.setViewportSize({ width: 320, height: 640 });
  await page.goto("/");
  const heading = page.getByRole("heading", { level: 1 });
  await expect(heading).toBeVisible();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
  expect(overflow).toBe(false);
  // Tailwind from the top-level tailwind.config.ts: the brand colour is applied.
  const color = await page.getByText("Tillpoint", { exact: true }).evaluate((node) => getComputedStyle(node).color);
  expect(color).toBe("rgb(31, 79, 209)");
});

test("unknown pages get the not-found page", async ({ page }) => {
  const response = await page.goto("/no-such-page");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
});
