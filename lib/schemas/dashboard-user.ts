import { z } from "zod";

// Dashboard users (README "Merchant dashboard"). The same schemas check the
// CLI's `user create`, the team page and the password page.

export const DASHBOARD_ROLES = ["owner", "viewer"] as const;
export type DashboardRole = (typeof DASHBOARD_ROLES)[number];

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 128;

export const dashboardPassword = z
  .string()
  .min(PASSWORD_MIN_LENGTH, `A password has at least ${PASSWORD_MIN_LENGTH} characters.`)
  .max(PASSWORD_MAX_LENGTH, `A password has at most ${PASSWORD_MAX_LENGTH} characters.`);

export const dashboardEmail = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email("Enter an e-mail address such as name@example.com.").max(254));

export const newDashboardUser = z.strictObject({
  email: dashboardEmail,
  password: dashboardPassword,
  role: z.enum(DASHBOARD_ROLES, "A role is owner or viewer.").default("owner"),
  name: z.string().trim().max(200).optional(),
});
export type NewDashboardUser = z.input<typeof newDashboardUser>;
