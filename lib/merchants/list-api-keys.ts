import "server-only";
import type { Db } from "@/lib/db/client";
import type { Mode } from "@/lib/ids";
import type { MerchantScope } from "@/lib/scope";
import { apiKeyViewSelect } from "./create-api-key";

/**
 * Newest first; `before` is an id (ids sort by creation time). A merchant
 * lists the keys of its scope; the CLI, run by the operator, may leave the
 * mode out to list both.
 */
export const listApiKeys = (
  db: Db,
  scope: MerchantScope | { merchantId: string; mode?: Mode },
  { take, before }: { take?: number; before?: string } = {},
) =>
  db.apiKey.findMany({
    where: {
      merchantId: scope.merchantId,
      ...(scope.mode ? { mode: scope.mode } : {}),
      ...(before ? { id: { lt: before } } : {}),
    },
    orderBy: { id: "desc" },
    take,
    select: apiKeyViewSelect,
  });
