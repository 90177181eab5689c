import AxeBuilder from "@axe-core/playwright";
import { expect, type Page, test } from "@playwright/test";
import sharp from "sharp";
import { seedSessionBody } from "../support/card";
import { expectNoAxeViolations, signIn } from "./support/dashboard";
import { seedCardMerchant, seedDashboardMerchant } from "./support/seed";

// The merchant's brand on the hosted pages, as the browser computes it: the
// pay button's colour with text that reads on it, the header's logo and name,
// corners, the dark theme, focus rings, axe; and the dashboard editing it.

const brand = (page: Page, apiKey: string, body: Record<string, unknown>) =>
  page.request.patch("/api/v1/branding", { headers: { Authorization: `Bearer ${apiKey}` }, data: body });

const cardPage = async (page: Page, apiKey: string) => {
  const response = await page.request.post("/api/v1/sessions", {
    headers: { Authorization: `Bearer ${apiKey}`, "Idempotency-Key": crypto.randomUUID() },
    data: seedSessionBody(),
  });
  expect(response.status()).toBe(201);
  return new URL((await response.json()).checkoutUrl).pathname;
};

// Tailwind's slate-950, slate-100 and slate-50, as sRGB.
const SLATE_950 = "rgb(2, 6, 24)";
const SLATE_100 = "rgb(241, 245, 249)";
const SLATE_50 = "rgb(248, 250, 252)";

const payButton = (page: Page) => page.getByRole("button", { name: /^Pay / });
/** A computed colour as rgb(…), whatever notation the stylesheet used (Tailwind's palette is oklch). */
const style = (page: Page, selector: string, property: string) =>
  page
    .locator(selector)
    .first()
    .evaluate((element, name) => {
      const value = getComputedStyle(element).getPropertyValue(name);
      if (!/color/.test(name)) return value;
      const context = document.createElement("canvas").getContext("2d") as CanvasRenderingContext2D;
      context.fillStyle = value;
      context.fillRect(0, 0, 1, 1);
      const [r, g, b] = context.getImageData(0, 0, 1, 1).data;
      return `rgb(${r}, ${g}, ${b})`;
    }, property);

test("a yellow button gets black text, the header the logo and name, pill corners; axe finds nothing", async ({
  page,
}) => {
  const apiKey = await seedCardMerchant("Plain name");
  const logo = await sharp({ create: { width: 120, height: 40, channels: 3, background: "#0a7c3e" } })
    .png()
    .toBuffer();
  const set = await brand(page, apiKey, {
    display_name: "Sunny Shop",
    logo: `data:image/png;base64,${logo.toString("base64")}`,
    brand_color: "#0A7C3E",
    button_color: "#FFD400",
    corner_style: "pill",
    show_powered_by: false,
  });
  expect(set.status(), await set.text()).toBe(200);

  await page.goto(await cardPage(page, apiKey));
  const header = page.getByTestId("brand-header");
  await expect(header).toContainText("Sunny Shop");
  await expect(header).not.toContainText("Plain name");
  expect(await style(page, "[data-testid=brand-header]", "background-color")).toBe("rgb(10, 124, 62)");
  expect(await style(page, "[data-testid=brand-header]", "color")).toBe("rgb(255, 255, 255)");
  const image = header.locator("img");
  await expect(image).toHaveAttribute("src", /\/branding\/logos\/[0-9a-f]{64}\.png$/);
  expect(await image.evaluate((element: HTMLImageElement) => element.complete && element.naturalWidth)).toBe(120);

  const button = payButton(page);
  await expect(button).toBeEnabled();
  expect(await button.evaluate((element) => getComputedStyle(element).backgroundColor)).toBe("rgb(255, 212, 0)");
  expect(await button.evaluate((element) => getComputedStyle(element).color)).toBe("rgb(0, 0, 0)");
  expect(await button.evaluate((element) => getComputedStyle(element).borderRadius)).toBe("9999px");
  await expect(page.getByText("Secure checkout by Tillpoint")).toHaveCount(0);

  // The focus ring: the brand green stands out from the white card, so it is the ring's colour.
  await page.getByLabel("Security code").focus();
  await page.keyboard.press("Tab");
  await expect(button).toBeFocused();
  expect(await button.evaluate((element) => getComputedStyle(element).boxShadow)).toContain("rgb(10, 124, 62)");

  const { violations } = await new AxeBuilder({ page }).analyze();
  expect(violations.map((violation) => `${violation.id}: ${violation.help}`)).toEqual([]);
});

test("a pale brand colour keeps a visible focus ring; square corners; the dark theme", async ({ page }) => {
  const apiKey = await seedCardMerchant("Pale shop");
  await brand(page, apiKey, { brand_color: "#FFF3B0", corner_style: "square", theme: "dark" });
  const path = await cardPage(page, apiKey);
  await page.goto(path);
  expect(await style(page, "main", "background-color")).toBe(SLATE_950);
  expect(await style(page, "h1", "color")).toBe(SLATE_100);
  expect(await style(page, "[data-testid=brand-header]", "color")).toBe("rgb(0, 0, 0)");
  const button = payButton(page);
  await expect(button).toBeEnabled();
  expect(await button.evaluate((element) => getComputedStyle(element).borderRadius)).toBe("0px");
  await page.getByLabel("Security code").focus();
  await page.keyboard.press("Tab");
  // Pale yellow stands out from the dark card, so it is the ring there.
  expect(await button.evaluate((element) => getComputedStyle(element).boxShadow)).toContain("rgb(255, 243, 176)");
  const { violations } = await new AxeBuilder({ page }).analyze();
  expect(violations.map((violation) => `${violation.id}: ${violation.help}`)).toEqual([]);

  await brand(page, apiKey, { theme: "light" });
  await page.goto(path);
  await page.getByLabel("Security code").focus();
  await page.keyboard.press("Tab");
  // On white it would vanish: the ring is black instead.
  expect(await button.evaluate((element) => getComputedStyle(element).boxShadow)).toContain("rgb(0, 0, 0)");
});

test("theme auto follows the customer's system", async ({ browser }) => {
  const context = await browser.newContext({ colorScheme: "dark" });
  const page = await context.newPage();
  const apiKey = await seedCardMerchant("Auto shop");
  await brand(page, apiKey, { theme: "auto" });
  const path = await cardPage(page, apiKey);
  await page.goto(path);
  expect(await style(page, "main", "background-color")).toBe(SLATE_950);
  await page.emulateMedia({ colorScheme: "light" });
  expect(await style(page, "main", "background-color")).toBe(SLATE_50);
  await context.close();
});

test("the dashboard edits the same branding, and the hosted page wears it", async ({ page }) => {
  const merchant = await seedDashboardMerchant("Dashboard brand");
  await signIn(page, merchant.users[0]);
  // A locale the API took that the form lists under no name of its own stays chosen.
  await brand(page, merchant.apiKey, { default_locale: "de-CH" });
  await page.goto("/dashboard/settings");
  const form = page.getByTestId("branding-form");
  await expect(form.getByLabel("Default language of the hosted pages")).toHaveValue("de-CH");
  await form.getByLabel("Display name").fill("Brand from the dashboard");
  await form.getByLabel("Button colour (#RRGGBB)").fill("#B91C1C");
  await form.getByLabel("Default language of the hosted pages").selectOption("fr");
  await form.getByRole("button", { name: "Save branding" }).click();
  await expect(form.getByText("Saved: the hosted pages wear it from now on.")).toBeVisible();
  await expectNoAxeViolations(page);

  const branding = await (
    await page.request.get("/api/v1/branding", { headers: { Authorization: `Bearer ${merchant.apiKey}` } })
  ).json();
  expect(branding).toMatchObject({
    display_name: "Brand from the dashboard",
    button_color: "#B91C1C",
    default_locale: "fr",
    brand_color: null,
  });

  await page.goto(await cardPage(page, merchant.apiKey));
  await expect(page.getByTestId("brand-header")).toContainText("Brand from the dashboard");
  // The session says en_AU: the merchant's default comes only after the session and the browser.
  await expect(page.locator("html")).toHaveAttribute("lang", "en-AU");
  expect(await payButton(page).evaluate((element) => getComputedStyle(element).backgroundColor)).toBe(
    "rgb(185, 28, 28)",
  );

  await page.goto("/dashboard/settings");
  await form.getByLabel("Display name").fill("");
  await form.getByLabel("Button colour (#RRGGBB)").fill("nope");
  // Past the browser's own pattern check: the server refuses it too.
  await form.evaluate((element: HTMLFormElement) => {
    element.noValidate = true;
  });
  await form.getByRole("button", { name: "Save branding" }).click();
  await expect(form.getByTestId("action-error")).toHaveText(/^button_color: must be a colour as #RRGGBB/);
});
