-- The wallet and crypto session lists are newest first by id (ids sort by creation time,
-- lib/pagination.ts): without an index on (merchant, mode, id) a page sorted every session
-- of the merchant, its cost growing with the table. A card session's read finds its
-- attempts' charges by attempt (README "Performance").
--
-- Plain CREATE INDEX: it holds off writes to each table while it builds (seconds for a
-- million rows). On a large installation, create them beforehand with CREATE INDEX
-- CONCURRENTLY under these names; this migration then finds them (IF NOT EXISTS).

-- CreateIndex
CREATE INDEX IF NOT EXISTS "charges_card_attempt_id_idx" ON "charges"("card_attempt_id");

-- CreateIndex
CREATE INDEX IF NOT EXISTS "wallet_checkout_sessions_merchant_id_mode_id_idx" ON "wallet_checkout_sessions"("merchant_id", "mode", "id");

-- CreateIndex
CREATE INDEX IF NOT EXISTS "crypto_checkout_sessions_merchant_id_mode_id_idx" ON "crypto_checkout_sessions"("merchant_id", "mode", "id");
