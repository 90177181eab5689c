-- The wallet and crypto session lists are newest first by id (ids sort by creation time,
-- lib/pagination.ts). Without an index on (merchant, mode, id) a page sorted every session
-- of the merchant: its cost grew with the table (README "Performance").

-- CreateIndex
CREATE INDEX "wallet_checkout_sessions_merchant_id_mode_id_idx" ON "wallet_checkout_sessions"("merchant_id", "mode", "id");

-- CreateIndex
CREATE INDEX "crypto_checkout_sessions_merchant_id_mode_id_idx" ON "crypto_checkout_sessions"("merchant_id", "mode", "id");
