// GET /v1/wallet_settings · POST or PATCH /v1/wallet_settings (ours): the mode's low-balance threshold
import { apiRoute } from "@/lib/api/route";
import { withMerchant } from "@/lib/api/with-merchant";
import { db } from "@/lib/db/client";
import { walletSettingsBody } from "@/lib/schemas/wallet";
import { scopeOf } from "@/lib/scope";
import { updateWalletSettings, walletSettings } from "@/lib/wallet/wallet-settings";

const update = withMerchant(
  async ({ auth, body }) => Response.json(await updateWalletSettings(db(), scopeOf(auth), body)),
  { body: walletSettingsBody },
);

export const { GET, POST, PUT, PATCH, DELETE } = apiRoute({
  GET: withMerchant(async ({ auth }) => Response.json(await walletSettings(db(), scopeOf(auth)))),
  POST: update,
  PATCH: update,
});
