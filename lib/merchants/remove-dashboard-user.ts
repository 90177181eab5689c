import "server-only";
import type { Db } from "@/lib/db/client";
import { DomainError } from "@/lib/errors";
import { isId } from "@/lib/ids";
import { dashboardUserSelect } from "./create-dashboard-user";

/**
 * Removes a user of the merchant's dashboard with its sessions (signed out
 * at once) and credential. Nobody removes themselves, and the last owner
 * stays: a merchant is never left without someone who can change anything.
 * The merchant's row is locked, so two owners removing each other at once
 * cannot both succeed.
 */
export const removeDashboardUser = async (db: Db, merchantId: string, userId: string, actingUserId: string) => {
  if (userId === actingUserId) throw new DomainError("state_conflict", "You cannot remove yourself.");
  return db.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM merchants WHERE id = ${merchantId} FOR UPDATE`;
    const user = isId("dashboardUser", userId)
      ? await tx.dashboardUser.findFirst({ where: { id: userId, merchantId }, select: dashboardUserSelect })
      : null;
    if (!user) throw new DomainError("not_found", "No such dashboard user.");
    if (user.role === "owner" && (await tx.dashboardUser.count({ where: { merchantId, role: "owner" } })) <= 1) {
      throw new DomainError("state_conflict", "This is the last owner; add another owner first.");
    }
    await tx.dashboardUser.delete({ where: { id: user.id } });
    return user;
  });
};
