import type { Mode } from "@/lib/ids";

/** Every merchant object belongs to one merchant and one mode; queries always carry both. */
export type MerchantScope = { merchantId: string; mode: Mode };

export const scopeOf = ({ merchantId, mode }: MerchantScope): MerchantScope => ({ merchantId, mode });
