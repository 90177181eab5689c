-- CreateEnum
CREATE TYPE "ChargePurpose" AS ENUM ('card_attempt', 'card_authentication', 'wallet_checkout', 'renewal');

-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "ChargeStatus" ADD VALUE 'pending';
ALTER TYPE "ChargeStatus" ADD VALUE 'unknown';

-- AlterTable
-- Charges written before this migration get a key of their own and a purpose
-- read from what they are linked to (a renewal is linked to a connection only).
ALTER TABLE "charges" ADD COLUMN     "idempotency_key" TEXT,
ADD COLUMN     "purpose" "ChargePurpose",
ADD COLUMN     "last_reconcile_error" TEXT,
ADD COLUMN     "reconcile_after" TIMESTAMPTZ(3),
ADD COLUMN     "reconcile_attempts" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "reconciled_at" TIMESTAMPTZ(3),
ADD COLUMN     "renewal_cycle_end" TIMESTAMPTZ(3),
ADD COLUMN     "settled_at" TIMESTAMPTZ(3),
ADD COLUMN     "subscription_id" TEXT,
ADD COLUMN     "unresolved_since" TIMESTAMPTZ(3);

UPDATE "charges" SET
  "idempotency_key" = 'before-payments-core:' || "id",
  "purpose" = (CASE WHEN "card_attempt_id" IS NOT NULL THEN 'card_attempt'
                    WHEN "checkout_session_id" IS NOT NULL THEN 'wallet_checkout'
                    ELSE 'renewal' END)::"ChargePurpose",
  "settled_at" = "created_at";
ALTER TABLE "charges" ALTER COLUMN "idempotency_key" SET NOT NULL,
ALTER COLUMN "purpose" SET NOT NULL;

-- AlterTable
ALTER TABLE "wallet_checkout_sessions" ADD COLUMN     "customer_email" TEXT,
ADD COLUMN     "customer_first_name" TEXT,
ADD COLUMN     "customer_last_name" TEXT,
ADD COLUMN     "customer_phone" TEXT,
ADD COLUMN     "failed_attempts" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "locked_at" TIMESTAMPTZ(3);

-- AlterTable
ALTER TABLE "card_refunds" ADD COLUMN     "last_reconcile_error" TEXT,
ADD COLUMN     "reconcile_after" TIMESTAMPTZ(3),
ADD COLUMN     "reconcile_attempts" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "reconciled_at" TIMESTAMPTZ(3),
ADD COLUMN     "unresolved_since" TIMESTAMPTZ(3);

-- CreateTable
CREATE TABLE "test_connector_operations" (
    "provider" TEXT NOT NULL,
    "idempotency_key" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "result" JSONB NOT NULL,
    "reference" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "test_connector_operations_pkey" PRIMARY KEY ("provider","idempotency_key")
);

-- CreateIndex
CREATE INDEX "test_connector_operations_reference_idx" ON "test_connector_operations"("reference");

-- CreateIndex
CREATE INDEX "charges_subscription_id_idx" ON "charges"("subscription_id");

-- CreateIndex
CREATE INDEX "charges_connection_id_idx" ON "charges"("connection_id");

-- CreateIndex
CREATE INDEX "charges_status_reconcile_after_idx" ON "charges"("status", "reconcile_after");

-- CreateIndex
CREATE UNIQUE INDEX "charges_provider_idempotency_key_key" ON "charges"("provider", "idempotency_key");

-- CreateIndex
CREATE INDEX "card_refunds_status_reconcile_after_idx" ON "card_refunds"("status", "reconcile_after");

-- AddForeignKey
ALTER TABLE "charges" ADD CONSTRAINT "charges_subscription_id_fkey" FOREIGN KEY ("subscription_id") REFERENCES "subscriptions"("id") ON DELETE SET NULL ON UPDATE CASCADE;
