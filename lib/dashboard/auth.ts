import "server-only";
import { randomBytes } from "node:crypto";
import { betterAuth } from "better-auth";
import { prismaAdapter } from "better-auth/adapters/prisma";
import { nextCookies } from "better-auth/next-js";
import { CLIENT_ADDRESS_HEADER } from "@/lib/api/rate-limit";
import { type Db, db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { type IdKind, newId } from "@/lib/ids";
import { hashPassword, verifyPassword } from "@/lib/merchants/dashboard-password";
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "@/lib/schemas/dashboard-user";
import { loadServerSecret } from "@/lib/security/server-secret";

// Dashboard sign-in through better-auth (README "Merchant dashboard"):
// e-mail and password, sessions stored as rows (revocable one by one or all
// at once), the session cookie HttpOnly, SameSite=Lax, and Secure with the
// __Secure- prefix whenever PUBLIC_BASE_URL is https. better-auth's HTTP
// endpoints are not mounted: the dashboard calls `auth.api` from its server
// actions, which Next guards against CSRF (the Origin must be this host).
// Users are made by the CLI and the team page, never by signing up.

const SESSION_DAYS = 7;
const ID_KINDS: Record<string, IdKind> = {
  user: "dashboardUser",
  session: "dashboardSession",
  account: "dashboardAccount",
};

export const createDashboardAuth = (database: Db, secret: string, baseURL: string) =>
  betterAuth({
    appName: "Tillpoint",
    baseURL,
    secret,
    database: prismaAdapter(database, { provider: "postgresql" }),
    emailAndPassword: {
      enabled: true,
      disableSignUp: true,
      minPasswordLength: PASSWORD_MIN_LENGTH,
      maxPasswordLength: PASSWORD_MAX_LENGTH,
      password: { hash: hashPassword, verify: verifyPassword },
    },
    user: {
      modelName: "dashboardUser",
      additionalFields: {
        merchantId: { type: "string", required: true, input: false },
        role: { type: "string", required: true, input: false },
      },
    },
    session: { modelName: "dashboardSession", expiresIn: SESSION_DAYS * 24 * 3600, updateAge: 24 * 3600 },
    account: { modelName: "dashboardAccount" },
    verification: { modelName: "dashboardVerification" },
    advanced: {
      cookiePrefix: "tillpoint",
      defaultCookieAttributes: { httpOnly: true, sameSite: "lax" },
      ipAddress: { ipAddressHeaders: [CLIENT_ADDRESS_HEADER] },
      database: {
        generateId: ({ model }) => {
          const kind = ID_KINDS[model];
          return kind ? newId(kind) : randomBytes(16).toString("base64url");
        },
      },
    },
    // Sign-in attempts are limited by lib/dashboard/sign-in.ts, in the database, across instances.
    rateLimit: { enabled: false },
    telemetry: { enabled: false },
    plugins: [nextCookies()],
  });

export type DashboardAuth = ReturnType<typeof createDashboardAuth>;

const globalForAuth = globalThis as unknown as { tillpointDashboardAuth?: Promise<DashboardAuth> };

/** The process's better-auth instance, made on first use with the installation's own secret. */
export const dashboardAuth = (): Promise<DashboardAuth> => {
  globalForAuth.tillpointDashboardAuth ??= loadServerSecret(db(), "dashboard_auth_secret")
    .then((secret) => createDashboardAuth(db(), secret.toString("base64url"), env().publicBaseUrl))
    .catch((error: unknown) => {
      globalForAuth.tillpointDashboardAuth = undefined;
      throw error;
    });
  return globalForAuth.tillpointDashboardAuth;
};
