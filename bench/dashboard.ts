import { chromium } from "@playwright/test";
import { createPrismaClient } from "@/lib/db/client";
import { createDashboardUser } from "@/lib/merchants/create-dashboard-user";
import playwrightConfig from "../playwright.config";

// The dashboard's runs: its pages render for a signed-in owner, so the bench
// makes one for the bench merchant and signs in through the real form (in
// Chromium), then loads pages with that session's cookie.

export const dashboardCookie = async (databaseUrl: string, baseUrl: string, merchantId: string) => {
  const email = `bench-${Date.now()}@example.com`;
  const password = `bench-password-${Date.now()}`;
  const prisma = createPrismaClient(databaseUrl);
  try {
    await createDashboardUser(prisma, merchantId, { email, password, role: "owner" });
  } finally {
    await prisma.$disconnect();
  }
  const browser = await chromium.launch(playwrightConfig.use?.launchOptions);
  try {
    const page = await browser.newPage({ baseURL: baseUrl });
    await page.goto("/dashboard/sign-in");
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(`${baseUrl}/dashboard`);
    const cookies = await page.context().cookies();
    return cookies.map((cookie) => `${cookie.name}=${cookie.value}`).join("; ");
  } finally {
    await browser.close();
  }
};
