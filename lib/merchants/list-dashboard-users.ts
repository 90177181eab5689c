import "server-only";
import type { Db } from "@/lib/db/client";
import { dashboardUserSelect } from "./create-dashboard-user";

/** A merchant's dashboard users, oldest first. */
export const listDashboardUsers = (db: Db, merchantId: string) =>
  db.dashboardUser.findMany({ where: { merchantId }, orderBy: { id: "asc" }, select: dashboardUserSelect });
