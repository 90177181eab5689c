import { createMerchant } from "@/lib/merchants/create-merchant";
import { type CliValues, print, requireOption, UsageError, withDb } from "./output";

export const runMerchantCommand = async ([action]: string[], values: CliValues) => {
  switch (action) {
    case "create": {
      const name = requireOption(values.name, "name");
      const { merchant, secret } = await withDb((db) => createMerchant(db, { name }));
      print(
        values.json,
        { merchant_id: merchant.id, api_key: secret },
        `Created merchant ${merchant.name} (${merchant.id}).\nTest API key (shown once): ${secret}`,
      );
      return;
    }
    case "list": {
      const merchants = await withDb((db) => db.merchant.findMany({ orderBy: { id: "asc" } }));
      print(
        values.json,
        merchants.map((merchant) => ({
          merchant_id: merchant.id,
          name: merchant.name,
          created_at: merchant.createdAt,
        })),
        merchants.map((merchant) => `${merchant.id}  ${merchant.name}`).join("\n") || "No merchants yet.",
      );
      return;
    }
    default:
      throw new UsageError(`Unknown merchant action "${action ?? ""}".`);
  }
};
