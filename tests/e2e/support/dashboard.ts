import AxeBuilder from "@axe-core/playwright";
import { type Browser, expect, type Page } from "@playwright/test";

// The dashboard's browser tests share these steps.

export const expectNoAxeViolations = async (page: Page) => {
  // After a client-side navigation Next streams the new <title> in a moment later: wait for it. (The old page's
  // title passes this too: a caller that navigated first waits for something of the new page.)
  await expect(page).toHaveTitle(/\S/);
  const { violations } = await new AxeBuilder({ page }).analyze();
  expect(violations.map((violation) => `${violation.id}: ${violation.help}`)).toEqual([]);
};

/** Fills and sends the sign-in form (what follows is the caller's to check). */
export const submitSignIn = async (page: Page, email: string, password: string) => {
  await page.goto("/dashboard/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
};

/** Signs in and waits for the overview. */
export const signIn = async (page: Page, user: { email: string; password: string }) => {
  await submitSignIn(page, user.email, user.password);
  await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
};

/** A page in a browser context of its own: another device, with its own cookies. */
export const newPage = async (browser: Browser) => (await browser.newContext()).newPage();
