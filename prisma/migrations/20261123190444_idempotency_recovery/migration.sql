-- AlterTable
ALTER TABLE "idempotency_keys" ADD COLUMN     "secret_withheld" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "card_refunds" ADD COLUMN     "request_key" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "card_refunds_session_id_request_key_key" ON "card_refunds"("session_id", "request_key");
