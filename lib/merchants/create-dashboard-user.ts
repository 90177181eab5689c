import "server-only";
import type { DbClient } from "@/lib/db/client";
import { DomainError, parseInput } from "@/lib/errors";
import { newId } from "@/lib/ids";
import { type NewDashboardUser, newDashboardUser } from "@/lib/schemas/dashboard-user";
import { hashPassword } from "./dashboard-password";
import { getMerchantOrThrow } from "./get-merchant";

/** What a dashboard user looks like to the CLI and the team page (never the hash). */
export const dashboardUserSelect = {
  id: true,
  email: true,
  name: true,
  role: true,
  merchantId: true,
  createdAt: true,
} as const;

/** The CLI's `--json` shape. */
export const dashboardUserJson = (user: { id: string; email: string; merchantId: string; role: string }) => ({
  user_id: user.id,
  email: user.email,
  merchant_id: user.merchantId,
  role: user.role,
});

/**
 * A user of the merchant's dashboard and its password credential, in one
 * statement (better-auth's "credential" account: account id = user id). An
 * e-mail signs in to one merchant only: a taken one is `resource_exists`.
 */
export const createDashboardUser = async (db: DbClient, merchantId: string, input: NewDashboardUser) => {
  const { email, password, role, name } = parseInput(newDashboardUser, input);
  await getMerchantOrThrow(db, merchantId);
  const id = newId("dashboardUser");
  const passwordHash = await hashPassword(password);
  return db.dashboardUser
    .create({
      data: {
        id,
        merchantId,
        role,
        email,
        name: name || email,
        accounts: {
          create: { id: newId("dashboardAccount"), providerId: "credential", accountId: id, password: passwordHash },
        },
      },
      select: dashboardUserSelect,
    })
    .catch((error: unknown) => {
      // The unique index on the e-mail decides, also between two creations at once.
      if ((error as { code?: string }).code !== "P2002") throw error;
      throw new DomainError("resource_exists", `A dashboard user with the e-mail ${email} already exists.`, {
        param: "email",
      });
    });
};
