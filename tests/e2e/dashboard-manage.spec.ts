import { Lava } from "@lavapayments/nodejs";
import { type Browser, expect, type Locator, type Page, type Request, test } from "@playwright/test";
import { TEST_CARDS } from "../support/card";
import { randomXpub } from "../support/crypto";
import { startReceiver } from "../support/webhook-receiver";
import { expectNoAxeViolations, newPage, signIn } from "./support/dashboard";
import { seedDashboardMerchant } from "./support/seed";

// The rest of the dashboard, as a merchant uses it: payment links paid in
// another page, keys and webhook endpoints, customers and the catalogue,
// settings; and for every page: axe, 375 px, a viewer refused by the server
// whatever the HTML shows, another merchant's ids not found.

const SHOP = "https://merchant.example.com";

const api = (page: Page, path: string, key: string) =>
  page.request.get(path, { headers: { Authorization: `Bearer ${key}` } });

const lavaFor = (apiKey: string) =>
  new Lava(apiKey, { apiVersion: "2025-04-28.v1", baseUrl: `${process.env.TEST_BASE_URL}/v1/` });

/** A wallet customer subscribed to a plan: a subscription checkout paid on its hosted page. */
const subscribedCustomer = async (page: Page, apiKey: string) => {
  const lava = lavaFor(apiKey);
  const created = await page.request.post("/v1/subscription_configs", {
    headers: { Authorization: `Bearer ${apiKey}` },
    data: { name: "Pro", period_amount: "20.00", included_credit: "5.00" },
  });
  expect(created.status()).toBe(201);
  const config = await created.json();
  const session = await lava.checkoutSessions.create({
    checkout_mode: "subscription",
    origin_url: "https://shop.example.com/",
    subscription_config_id: config.subscription_config_id,
  });
  const { secret } = JSON.parse(atob(session.checkout_session_token));
  const paid = await page.request.post(`/api/hosted/wallet/${secret}`, {
    data: {
      first_name: "Grace",
      last_name: "Hopper",
      email: "grace@example.com",
      phone: "+441632960962",
      card: { number: "4242424242424242", expiry: "01/40", cvc: "123" },
    },
  });
  expect(paid.status(), await paid.text()).toBe(200);
  return (await paid.json()).connection_id as string;
};

/** Fills the payment link form: a customer and the shop's pages, then the given fields by label. */
const fillLinkForm = async (form: Locator, fields: Record<string, string>) => {
  const filled = {
    "Customer first name": "Ada",
    "Customer last name": "Lovelace",
    "Customer e-mail": "ada@example.com",
    "After payment, go to": `${SHOP}/thanks`,
    "If not paid, go to": `${SHOP}/cart`,
    ...fields,
  };
  for (const [label, value] of Object.entries(filled)) await form.getByLabel(label, { exact: true }).fill(value);
};

test("a payment link made in the dashboard is paid in another page", async ({ browser }) => {
  const { users } = await seedDashboardMerchant("Link Shop");
  const page = await newPage(browser);
  await signIn(page, users[0]);
  await page.getByRole("link", { name: "Payment links" }).click();
  // The old page's title is still there until the new page has arrived: check the new one.
  const form = page.getByTestId("payment-link-form");
  await expect(form).toBeVisible();
  await expectNoAxeViolations(page);
  await fillLinkForm(form, { Product: "Pottery class", Amount: "45.50", Currency: "EUR" });
  const posts: Request[] = [];
  await page.route("**/dashboard/payment-links", (route) => {
    if (route.request().method() === "POST") posts.push(route.request());
    return route.continue();
  });
  await page.getByRole("button", { name: "Create payment link" }).click();

  await expect(page.getByTestId("payment-link")).toBeVisible();
  // The same post again (a retry, a double submit): the form's key finds the first session, none is added.
  expect(posts).toHaveLength(1);
  expect((await page.request.fetch(posts[0])).status()).toBe(200);
  await expect(page.getByTestId("payment-status")).toContainText("PENDING");
  await expect(page.getByRole("img", { name: "QR code of the payment link" })).toBeVisible();
  await expectNoAxeViolations(page);
  const link = (await page.getByTestId("payment-link-url").textContent()) ?? "";
  expect(link).toMatch(/\/checkout\//);

  const customer = await newPage(browser);
  await customer.route(`${SHOP}/**`, (route) => route.fulfill({ contentType: "text/html", body: "<h1>Shop</h1>" }));
  await customer.goto(new URL(link).pathname);
  await expect(customer.getByText("Pottery class")).toBeVisible();
  await customer.getByLabel("Card number").fill(TEST_CARDS.succeeds);
  await customer.getByLabel("Expiry (MM/YY)").fill("12/34");
  await customer.getByLabel("Security code").fill("123");
  await customer.getByRole("button", { name: /^Pay / }).click();
  await customer.waitForURL(`${SHOP}/thanks**`);

  await page.reload();
  await expect(page.getByTestId("payment-status")).toContainText("SUCCEEDED");
  await expect(page.getByTestId("payment-link")).toHaveCount(0);

  // Bad input is the form's clear error, and creates nothing.
  await page.goto("/dashboard/payment-links");
  await fillLinkForm(form, { Product: "Nothing", Amount: "1.234", Currency: "EUR" });
  await page.getByRole("button", { name: "Create payment link" }).click();
  await expect(page.getByTestId("action-error")).toContainText("more decimal places than EUR allows");
  await page.goto("/dashboard/payments");
  await expect(page.getByTestId("payment-row")).toHaveCount(1);
});

test("a crypto payment link, after the crypto key is set under Developers", async ({ browser }) => {
  const { users } = await seedDashboardMerchant("Crypto Link Shop");
  const page = await newPage(browser);
  await signIn(page, users[0]);
  await page.goto("/dashboard/developers");
  await page.getByLabel("Extended public key (xpub)").fill(randomXpub());
  await page.getByRole("button", { name: "Save key" }).click();
  await expect(page.getByTestId("crypto-form").getByTestId("action-notice")).toContainText(
    "next deposit address is 0x",
  );

  await page.goto("/dashboard/payment-links");
  const form = page.getByTestId("payment-link-form");
  await form.getByLabel("Crypto").check();
  await fillLinkForm(form, { Product: "E-book", Amount: "12" });
  await page.getByRole("button", { name: "Create payment link" }).click();
  await expect(page.getByTestId("payment-status")).toContainText("open");
  const link = (await page.getByTestId("payment-link-url").textContent()) ?? "";
  const customer = await newPage(browser);
  await customer.goto(new URL(link).pathname);
  await expect(customer.getByRole("heading", { name: "E-book" })).toBeVisible();
});

test("keys: the secret is shown once, and a revoked key is refused by the API", async ({ page }) => {
  const { users } = await seedDashboardMerchant("Key Shop");
  await signIn(page, users[0]);
  await page.getByRole("navigation", { name: "Dashboard" }).getByRole("link", { name: "Developers" }).click();
  await page.getByLabel("Name (optional)").fill("ci server");
  await page.getByRole("button", { name: "Create key" }).click();
  const secret = (await page.getByTestId("action-secret").textContent()) ?? "";
  expect(secret).toMatch(/^sk_test_/);
  expect((await api(page, "/api/v1/api_keys", secret)).status()).toBe(200);

  await page.reload();
  expect(await page.content()).not.toContain(secret);
  const row = page.getByTestId("api-key-row").filter({ hasText: "ci server" });
  await expect(row).toContainText("active");
  // The row redraws without its button: the key's state is the answer.
  await row.getByRole("button", { name: /^Revoke / }).click();
  await expect(row).toContainText("revoked");
  const refused = await api(page, "/api/v1/api_keys", secret);
  expect(refused.status()).toBe(401);
});

test("webhook endpoints: add, send a test event, read the log, rotate the secret, disable", async ({ page }) => {
  const { users } = await seedDashboardMerchant("Hook Shop");
  const receiver = await startReceiver();
  try {
    await signIn(page, users[0]);
    await page.goto("/dashboard/developers");
    const create = page.getByTestId("create-endpoint");
    await create.getByLabel("URL").fill(receiver.url);
    await create.getByRole("checkbox", { name: "session.completed", exact: true }).check();
    await create.getByRole("button", { name: "Add endpoint" }).click();
    const first = (await create.getByTestId("action-secret").textContent()) ?? "";
    expect(first).toMatch(/^whsec_/);
    receiver.trust(first);

    await page.reload();
    await page.getByRole("link", { name: receiver.url }).click();
    await expect(page.getByRole("heading", { name: "Webhook endpoint" })).toBeVisible();
    await expect(page.getByRole("checkbox", { name: "session.completed", exact: true })).toBeChecked();
    await page.getByRole("button", { name: "Send test event" }).click();
    await expect.poll(() => receiver.accepted().length, { timeout: 30_000 }).toBe(1);
    expect(receiver.received[0].verified).toBe(true);
    expect(receiver.received[0].event.type).toBe("webhook_endpoint.test");

    await page.reload();
    const delivery = page.getByTestId("delivery").first();
    await expect(delivery.getByTestId("delivery-status")).toContainText("delivered");
    await delivery.locator("summary").click();
    await expect(delivery).toContainText('"type": "webhook_endpoint.test"');
    await expect(delivery).toContainText("200");
    await expectNoAxeViolations(page);

    // Rotate: the new secret is shown once and signs what follows.
    await page.getByRole("button", { name: "Rotate secret" }).click();
    const second = (await page.getByTestId("rotate-secret").getByTestId("action-secret").textContent()) ?? "";
    expect(second).toMatch(/^whsec_/);
    expect(second).not.toBe(first);
    receiver.trust(second);
    await page.getByRole("button", { name: "Send test event" }).click();
    await expect.poll(() => receiver.accepted().length, { timeout: 30_000 }).toBe(2);
    expect(receiver.received[1].verified, "signed with the new secret").toBe(true);

    // Re-send from the log: the same event once more.
    await page.reload();
    await page.getByTestId("delivery").first().locator("summary").click();
    await page.getByTestId("delivery").first().getByRole("button", { name: "Re-send" }).click();
    await expect.poll(() => receiver.accepted().length, { timeout: 30_000 }).toBe(3);
    expect(receiver.received[2].webhookId).toBe(receiver.received[1].webhookId);

    // Edit the filter; disable; the event log shows the test events.
    await page.getByLabel("refund.completed").check();
    await page.getByRole("button", { name: "Save", exact: true }).click();
    await expect(page.getByTestId("endpoint-form").getByTestId("action-notice")).toHaveText("Saved.");
    await page.getByRole("button", { name: "Disable" }).click();
    // The click only starts the server action: reload until its write shows (a reload at once can race it).
    await expect
      .poll(async () => {
        await page.reload();
        return page.getByTestId("endpoint-status").textContent();
      })
      .toContain("disabled");
    await expect(page.getByLabel("refund.completed")).toBeChecked();
    await page.getByRole("button", { name: "Send test event" }).click();
    await expect(page.getByTestId("action-error").first()).toContainText("disabled");

    await page.goto("/dashboard/developers/events?type=webhook_endpoint.test");
    await expect(page.getByTestId("payment-events").locator(":scope > li")).toHaveCount(2);
    await page.getByTestId("payment-events").getByRole("link", { name: /^evt_/ }).first().click();
    await expect(page.getByTestId("event-body")).toContainText('"object": "event"');
  } finally {
    await receiver.down();
  }
});

test("customers and the catalogue: plans, bundles and meters, a customer's ledger and usage, cancelling a subscription", async ({
  page,
}) => {
  const { apiKey, users } = await seedDashboardMerchant("Wallet Shop");
  const connectionId = await subscribedCustomer(page, apiKey);
  await signIn(page, users[0]);

  await page.getByRole("link", { name: "Catalogue" }).click();
  await expect(page.getByTestId("plan")).toHaveCount(1);
  const create = page.getByTestId("create-plan");
  await create.getByLabel("Name").fill("Team");
  await create.getByLabel("Price per period (USD)").fill("99");
  await create.getByLabel("Included credit (USD)").fill("10.5");
  await create.getByRole("button", { name: "Create plan" }).click();
  await expect(create.getByTestId("action-notice")).toContainText("created");
  await page.reload();
  await expect(page.getByTestId("plan")).toHaveCount(2);
  await expect(page.getByTestId("plan").first()).toContainText("$99.00 per month, $10.50 credit included");

  const bundle = page.getByTestId("create-bundle");
  await bundle.getByLabel("For subscribers of").selectOption({ label: "Team" });
  await bundle.getByLabel("Name").fill("Boost");
  await bundle.getByLabel("Price (USD)").fill("5");
  await bundle.getByLabel("Credit (USD)").fill("6");
  await bundle.getByRole("button", { name: "Create bundle" }).click();
  await expect(bundle.getByTestId("action-notice")).toContainText("created");
  await page.reload();
  const team = page.getByTestId("plan").first();
  await expect(team.getByTestId("bundle")).toContainText("Boost: $6.00 credit for $5.00");
  await team.getByText("Edit plan").click();
  await team.getByLabel("Price per period (USD)").fill("-1");
  await team.getByRole("button", { name: "Save plan" }).click();
  await expect(team.getByTestId("action-error")).toHaveText('period_amount: must be a decimal string such as "10.00"');
  await team.getByLabel("Price per period (USD)").fill("89.00");
  await team.getByRole("button", { name: "Save plan" }).click();
  await expect(team.getByTestId("action-notice")).toContainText("Saved");
  const plans = await (await api(page, "/v1/subscription_configs", apiKey)).json();
  expect(plans.data.map((plan: { period_amount: string }) => plan.period_amount)).toContain("89.00");

  // A meter: made from its form (its tiers one per line), refused by its line when wrong, then linked to a plan.
  const meter = page.getByTestId("create-meter");
  await meter.getByLabel("Slug").fill("chat");
  await meter.getByLabel("Name").fill("Chat tokens");
  await meter.getByLabel("Tiers").fill("0 2.50\n1000 x");
  await meter.getByRole("button", { name: "Create meter" }).click();
  await expect(meter.getByTestId("action-error")).toContainText("tiers.1.rate");
  await meter.getByLabel("Tiers").fill("0 2.50\n1000000 1.25");
  await meter.getByRole("button", { name: "Create meter" }).click();
  await expect(meter.getByTestId("action-notice")).toContainText("created");
  await page.reload();
  await expect(page.getByTestId("meter")).toContainText(
    "Chat tokens chat: from 0 $2.50 tokens_1m, from 1000000 $1.25 tokens_1m",
  );
  const meters = await (await api(page, "/v1/meters", apiKey)).json();
  expect(meters.data[0].tiers).toEqual([
    { start: 0, rate: "2.50", type: "tokens_1m" },
    { start: 1_000_000, rate: "1.25", type: "tokens_1m" },
  ]);
  const teamAgain = page.getByTestId("plan").first();
  await teamAgain.getByText("Edit plan").click();
  await teamAgain.getByLabel("Chat tokens").check();
  await teamAgain.getByRole("button", { name: "Save plan" }).click();
  await expect(teamAgain.getByTestId("action-notice")).toContainText("Saved");
  await page.reload();
  await expect(page.getByTestId("plan").first()).toContainText("meters: Chat tokens");
  const linked = await (
    await api(page, `/v1/subscription_configs/${plans.data[0].subscription_config_id}`, apiKey)
  ).json();
  expect(linked.linked_meters).toEqual([{ meter_id: meters.data[0].meter_id, name: "Chat tokens" }]);
  await meter.getByLabel("Slug").fill("bad");
  await meter.getByLabel("Name").fill("Bad");
  await meter.getByLabel("Tiers").fill("0 2.50 USD");
  await meter.getByRole("button", { name: "Create meter" }).click();
  await expect(meter.getByTestId("action-error")).toContainText("tiers.0: each line is a start and a rate");
  // None ticked unlinks every meter.
  const teamUnlink = page.getByTestId("plan").first();
  await teamUnlink.getByText("Edit plan").click();
  await teamUnlink.getByLabel("Chat tokens").uncheck();
  await teamUnlink.getByRole("button", { name: "Save plan" }).click();
  await expect(teamUnlink.getByTestId("action-notice")).toContainText("Saved");
  const unlinked = await (
    await api(page, `/v1/subscription_configs/${plans.data[0].subscription_config_id}`, apiKey)
  ).json();
  expect(unlinked.linked_meters).toEqual([]);
  await expectNoAxeViolations(page);

  await page.getByRole("link", { name: "Customers" }).click();
  await expect(page.getByTestId("customer-row")).toHaveCount(1);
  await page.getByRole("link", { name: "Grace Hopper" }).click();
  await expect(page.getByTestId("balances")).toContainText("$5.00");
  await expect(page.getByTestId("ledger-entry").first()).toContainText("subscription credit");
  await expect(page.getByTestId("usage")).toContainText("No metered requests.");
  await expectNoAxeViolations(page);
  // A metered request of this customer: this month's usage, the request, and the ledger entry that paid it.
  await lavaFor(apiKey).requests.create({
    request_id: `dashboard-${connectionId}`,
    connection_id: connectionId,
    meter_slug: "chat",
    input_tokens: 300_000,
    output_tokens: 100_000,
  });
  await page.reload();
  await expect(page.getByTestId("usage-requests")).toHaveText("1 (400000 tokens)");
  // 400,000 tokens at 2.50 per million, and the test server's 1.5 % service charge
  await expect(page.getByTestId("usage-wallet")).toHaveText("1.015 USD");
  await expect(page.getByTestId("metered-request")).toContainText(`dashboard-${connectionId}`);
  await expect(page.getByTestId("metered-request")).toContainText("Chat tokens");
  await expect(page.getByTestId("ledger-entry").first()).toContainText("usage");
  await expectNoAxeViolations(page);
  await page.getByRole("button", { name: "Cancel subscription" }).click();
  await expect(page.getByTestId("subscription-status")).toContainText("cancelled");
  await expect(page.getByRole("button", { name: "Cancel subscription" })).toHaveCount(0);
  const connection = await (await api(page, `/v1/connections/${connectionId}`, apiKey)).json();
  expect(connection.subscription).toBeNull();
});

test("settings: rename, the low-balance threshold, a team member added and removed, one's own password changed", async ({
  browser,
}) => {
  const { apiKey, users } = await seedDashboardMerchant("Settings Shop");
  const page = await newPage(browser);
  await signIn(page, users[0]);
  await page.getByRole("link", { name: "Settings" }).click();
  // As with every client-side navigation, check the page that arrived, not the one leaving.
  await expect(page.getByLabel("Name shown to customers")).toBeVisible();
  await expectNoAxeViolations(page);

  await page.getByLabel("Name shown to customers").fill("Renamed Shop");
  await page.getByRole("button", { name: "Save name" }).click();
  await expect(page.getByTestId("merchant-name-form").getByTestId("action-notice")).toContainText("Renamed Shop");
  await page.reload();
  await expect(page.getByRole("banner")).toContainText("Renamed Shop");

  // The low-balance threshold of metered usage, through the API's own schema.
  const wallet = page.getByTestId("wallet-settings-form");
  await wallet.getByLabel("Low-balance threshold (USD)").fill("1.005");
  await wallet.getByRole("button", { name: "Save threshold" }).click();
  await expect(wallet.getByTestId("action-error")).toContainText("low_balance_threshold");
  await wallet.getByLabel("Low-balance threshold (USD)").fill("2.50");
  await wallet.getByRole("button", { name: "Save threshold" }).click();
  await expect(wallet.getByTestId("action-notice")).toContainText("below $2.50");
  expect((await (await api(page, "/v1/wallet_settings", apiKey)).json()).low_balance_threshold).toBe("2.50");
  await wallet.getByLabel("Low-balance threshold (USD)").fill("");
  await wallet.getByRole("button", { name: "Save threshold" }).click();
  await expect(wallet.getByTestId("action-notice")).toContainText("no low-balance event");
  expect((await (await api(page, "/v1/wallet_settings", apiKey)).json()).low_balance_threshold).toBeNull();

  const colleague = { email: `colleague.${Date.now()}@example.com`, password: "colleague-password-1" };
  const add = page.getByTestId("add-user");
  await add.getByLabel("Email").fill(colleague.email);
  await add.getByLabel("Initial password").fill(colleague.password);
  await add.getByLabel("Role").selectOption("viewer");
  await add.getByRole("button", { name: "Add user" }).click();
  await expect(add.getByTestId("action-notice")).toContainText("as viewer");
  await add.getByLabel("Email").fill(colleague.email);
  await add.getByLabel("Initial password").fill(colleague.password);
  await add.getByRole("button", { name: "Add user" }).click();
  await expect(add.getByTestId("action-error")).toContainText("already exists");

  const theirs = await newPage(browser);
  await signIn(theirs, colleague);
  await expect(theirs.getByRole("banner")).toContainText("(viewer)");

  await page.reload();
  await expect(page.getByTestId("team-member")).toHaveCount(2);
  await page.getByRole("button", { name: `Remove ${colleague.email}` }).click();
  await expect(page.getByTestId("team-member")).toHaveCount(1);
  await theirs.reload();
  await expect(theirs).toHaveURL(/\/dashboard\/sign-in/);

  const elsewhere = await newPage(browser);
  await signIn(elsewhere, users[0]);
  const form = page.getByTestId("password-form");
  await form.getByLabel("Current password").fill("not-my-password");
  await form.getByLabel("New password", { exact: true }).fill("a-brand-new-password");
  await form.getByLabel("New password again").fill("a-brand-new-password");
  await form.getByRole("button", { name: "Change password" }).click();
  await expect(form.getByTestId("action-error")).toHaveText("The current password is not right.");
  // What was typed stays after an error: only the current password is typed again.
  await expect(form.getByLabel("New password again")).toHaveValue("a-brand-new-password");
  await form.getByLabel("Current password").fill(users[0].password);
  await form.getByRole("button", { name: "Change password" }).click();
  await expect(form.getByTestId("action-notice")).toContainText("Password changed");
  await page.reload();
  await expect(page.getByRole("heading", { name: "Settings" })).toBeVisible();
  await elsewhere.reload();
  await expect(elsewhere, "the other session ended").toHaveURL(/\/dashboard\/sign-in/);
  await signIn(await newPage(browser), { email: users[0].email, password: "a-brand-new-password" });
});

/** Every dashboard page of a merchant with something on each, as [path, what to find there]. */
const everyPage = async (browser: Browser) => {
  const merchant = await seedDashboardMerchant("Every Page", ["owner", "viewer"]);
  const page = await newPage(browser);
  const connectionId = await subscribedCustomer(page, merchant.apiKey);
  const endpoint = await (
    await page.request.post("/api/v1/webhooks", {
      headers: { Authorization: `Bearer ${merchant.apiKey}` },
      data: { url: "https://hooks.example.com/every-page" },
    })
  ).json();
  const events = await (await api(page, "/api/v1/events", merchant.apiKey)).json();
  const checkout = events.data.find((event: { type: string }) => event.type === "checkout_session.completed");
  const paths = [
    "/dashboard",
    "/dashboard/payments",
    `/dashboard/payments/wallet/${checkout.data.object.checkout_session_id}`,
    "/dashboard/payment-links",
    "/dashboard/customers",
    `/dashboard/customers/${connectionId}`,
    "/dashboard/catalogue",
    "/dashboard/developers",
    `/dashboard/developers/webhooks/${endpoint.id}`,
    "/dashboard/developers/events",
    `/dashboard/developers/events/${checkout.id}`,
    "/dashboard/settings",
  ];
  await page.close();
  return { merchant, paths };
};

test("every page: no axe violation, and usable at 375 px", async ({ browser }) => {
  test.setTimeout(180_000);
  const { merchant, paths } = await everyPage(browser);
  const page = await newPage(browser);
  await signIn(page, merchant.users[0]);
  for (const width of [1280, 375]) {
    await page.setViewportSize({ width, height: 900 });
    for (const path of paths) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(200);
      await expect(page.getByRole("main")).toBeVisible();
      if (width === 1280) await expectNoAxeViolations(page);
      else {
        // The page must not scroll sideways; a failure names what sticks out (not what a scrolling box clips).
        const { overflow, outside } = await page.evaluate(() => {
          const edge = window.innerWidth + 1;
          const clipped = (element: Element) => {
            for (let up = element.parentElement; up && up !== document.body; up = up.parentElement) {
              if (getComputedStyle(up).overflowX !== "visible" && up.getBoundingClientRect().right <= edge) return true;
            }
            return false;
          };
          return {
            overflow: document.documentElement.scrollWidth - window.innerWidth,
            outside: [...document.querySelectorAll("body *")]
              .filter((element) => element.getBoundingClientRect().right > edge && !clipped(element))
              .slice(-3)
              .map((element) => element.outerHTML.slice(0, 160)),
          };
        });
        expect(overflow, `${path} scrolls sideways at 375 px: ${outside.join(" | ")}`).toBeLessThanOrEqual(0);
        await expect(page.getByRole("navigation", { name: "Dashboard" })).toBeVisible();
      }
    }
  }
});

test("a viewer cannot perform any action: every owner form, posted with a viewer's session, is refused", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const { merchant, paths } = await everyPage(browser);
  const [owner, viewer] = merchant.users;
  const viewerPage = await newPage(browser);
  await signIn(viewerPage, viewer);
  const ownerPage = await newPage(browser);
  await signIn(ownerPage, owner);
  const ownerCookies = await ownerPage.context().cookies();
  const viewerCookies = await viewerPage.context().cookies();
  const keysBefore = await (await api(ownerPage, "/api/v1/api_keys", merchant.apiKey)).json();

  let refused = 0;
  for (const path of paths) {
    // What the viewer is shown: no owner's form (their own password form only).
    await viewerPage.goto(path);
    const viewerForms = viewerPage.locator("form[data-action-form]:not([data-testid=password-form])");
    await expect(viewerForms, path).toHaveCount(0);

    // The owner's page, with the viewer's cookie in its place: every form is there, the server says no to each.
    await ownerPage.context().clearCookies();
    await ownerPage.context().addCookies(ownerCookies);
    await ownerPage.goto(path);
    const forms = ownerPage.locator("form[data-action-form]:not([data-testid=password-form])");
    const count = await forms.count();
    await ownerPage.context().clearCookies();
    await ownerPage.context().addCookies(viewerCookies);
    for (let index = 0; index < count; index++) {
      await forms.nth(index).evaluate((form: HTMLFormElement) => {
        form.noValidate = true;
        form.requestSubmit();
      });
      await expect(forms.nth(index).getByTestId("action-error"), `${path} form ${index}`).toHaveText(
        "Your role is viewer: only an owner can change anything.",
      );
      refused++;
    }
  }
  expect(refused, "the owner's pages hold many forms").toBeGreaterThan(15);
  const keysAfter = await (await api(ownerPage, "/api/v1/api_keys", merchant.apiKey)).json();
  const keyStates = (list: { data: { id: string; revoked_at: string | null }[] }) =>
    list.data.map((key) => [key.id, key.revoked_at]);
  expect(keyStates(keysAfter), "no key made or revoked").toEqual(keyStates(keysBefore));
});

test("tenancy: merchant A's user opening B's pages gets not-found", async ({ browser }) => {
  const { paths } = await everyPage(browser);
  const stranger = await seedDashboardMerchant("Stranger");
  const page = await newPage(browser);
  await signIn(page, stranger.users[0]);
  const detailPages = paths.filter((path) => /\/(wallet|customers|webhooks|events)\/[^/]+$/.test(path));
  expect(detailPages).toHaveLength(4);
  for (const path of detailPages) {
    expect((await page.goto(path))?.status(), path).toBe(404);
  }
});
