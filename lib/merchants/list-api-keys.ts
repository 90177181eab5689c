import type { Db } from "@/lib/db/client";
import type { Mode } from "@/lib/ids";
import { apiKeyViewSelect } from "./create-api-key";

export type ListApiKeysOptions = { merchantId: string; mode?: Mode; take?: number; before?: string };

/** Newest first; `before` is an id (ids sort by creation time). */
export const listApiKeys = (db: Db, { merchantId, mode, take, before }: ListApiKeysOptions) =>
  db.apiKey.findMany({
    where: { merchantId, ...(mode ? { mode } : {}), ...(before ? { id: { lt: before } } : {}) },
    orderBy: { id: "desc" },
    take,
    select: apiKeyViewSelect,
  });
