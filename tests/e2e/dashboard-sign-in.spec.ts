import { expect, test } from "@playwright/test";
import { expectNoAxeViolations, newPage, submitSignIn as signIn } from "./support/dashboard";
import { seedDashboardMerchant } from "./support/seed";

// The dashboard's door: signing in and out, the session cookie, the test/live
// switch and the throttle on wrong passwords, in a real browser.

test("signed out, /dashboard is the sign-in page: Email, Password, Sign in", async ({ page }) => {
  await page.goto("/dashboard");
  await expect(page).toHaveURL(/\/dashboard\/sign-in$/);
  await expect(page.getByLabel("Email")).toBeVisible();
  await expect(page.getByLabel("Password")).toBeVisible();
  await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();
  await expectNoAxeViolations(page);
});

test("the sign-in printed by the first start works", async ({ page }) => {
  const printed = process.env.TEST_DEMO_SIGN_IN;
  expect(printed, "tests/run.ts passes the demo sign-in the server printed").toBeTruthy();
  const [email, password] = (printed ?? "").split(" ");
  await signIn(page, email, password);
  await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
  await expect(page.getByText("Demo Merchant")).toBeVisible();
});

test("a signed-in owner: session cookie flags, the test/live switch on every page, axe-clean", async ({ page }) => {
  const { users } = await seedDashboardMerchant("Cookie Shop");
  await signIn(page, users[0].email, users[0].password);
  await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();

  const cookies = await page.context().cookies();
  const session = cookies.find((cookie) => cookie.name === "tillpoint.session_token");
  expect(session, `cookies: ${cookies.map((cookie) => cookie.name).join(", ")}`).toBeTruthy();
  expect(session?.httpOnly).toBe(true);
  expect(session?.sameSite).toBe("Lax");
  expect(session?.secure, "plain http here; https gets Secure (tests/api/dashboard-auth.test.ts)").toBe(false);
  expect(session?.value).not.toContain(users[0].password);

  await expect(page.getByTestId("mode-test")).toHaveAttribute("aria-pressed", "true");
  await expect(page.getByText(/Test mode/)).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByTestId("mode-live").click();
  await expect(page.getByTestId("mode-live")).toHaveAttribute("aria-pressed", "true");
  await expect(page.getByTestId("overview-mode")).toHaveText(/live data/);
  await page.reload();
  await expect(page.getByTestId("mode-live")).toHaveAttribute("aria-pressed", "true");
  await expect(page.getByText(/Test mode/)).toHaveCount(0);
});

test("sign out ends this session; sign out everywhere ends every other one too", async ({ browser }) => {
  const { users } = await seedDashboardMerchant("Many Devices");
  const [laptop, phone, tablet] = [await newPage(browser), await newPage(browser), await newPage(browser)];
  for (const device of [laptop, phone, tablet]) {
    await signIn(device, users[0].email, users[0].password);
    await expect(device.getByRole("heading", { name: "Overview" })).toBeVisible();
  }

  await tablet.getByText(users[0].email).click();
  await tablet.getByRole("button", { name: "Sign out", exact: true }).click();
  await expect(tablet).toHaveURL(/\/dashboard\/sign-in$/);
  await phone.reload();
  await expect(
    phone.getByRole("heading", { name: "Overview" }),
    "signing out one browser leaves the others",
  ).toBeVisible();

  await laptop.getByText(users[0].email).click();
  await laptop.getByRole("button", { name: "Sign out everywhere" }).click();
  await expect(laptop).toHaveURL(/\/dashboard\/sign-in$/);
  await phone.goto("/dashboard");
  await expect(phone, "the phone's session was deleted on the server").toHaveURL(/\/dashboard\/sign-in$/);
});

test("wrong passwords are throttled per e-mail, the same way for an e-mail nobody has", async ({ browser }) => {
  const { users } = await seedDashboardMerchant("Throttled");
  const known = users[0].email;
  const unknown = `nobody-${Date.now()}@example.com`;
  for (const email of [known, unknown]) {
    const page = await newPage(browser);
    for (let attempt = 1; attempt <= 4; attempt++) {
      await signIn(page, email, "not-the-password");
      await expect(page.getByTestId("form-error")).toHaveText("The e-mail or password is not right.");
    }
    await signIn(page, email, "not-the-password");
    await expect(page.getByTestId("form-error")).toHaveText("Too many attempts. Try again in 15 minutes.");
  }
  // Blocked, even the right password waits: the throttle is checked first.
  const page = await newPage(browser);
  await signIn(page, known, users[0].password);
  await expect(page.getByTestId("form-error")).toHaveText(/^Too many attempts\. Try again in 1[45] minutes\.$/);
  await expect(page).toHaveURL(/\/dashboard\/sign-in$/);
});
