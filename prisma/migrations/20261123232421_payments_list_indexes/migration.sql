-- DropIndex
DROP INDEX "crypto_checkout_sessions_merchant_id_mode_idx";

-- CreateIndex
CREATE INDEX "wallet_checkout_sessions_merchant_id_mode_created_at_idx" ON "wallet_checkout_sessions"("merchant_id", "mode", "created_at");

-- CreateIndex
CREATE INDEX "crypto_checkout_sessions_merchant_id_mode_created_at_idx" ON "crypto_checkout_sessions"("merchant_id", "mode", "created_at");
