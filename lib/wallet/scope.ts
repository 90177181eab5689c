import type { Mode } from "@/lib/ids";

/** Every wallet object belongs to one merchant and one mode; queries always carry both. */
export type WalletScope = { merchantId: string; mode: Mode };

export const scopeOf = ({ merchantId, mode }: WalletScope): WalletScope => ({ merchantId, mode });
