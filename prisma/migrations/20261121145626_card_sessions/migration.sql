-- CreateEnum
CREATE TYPE "CardSessionStatus" AS ENUM ('PENDING', 'PROCESSING', 'SUCCEEDED', 'FAILED', 'EXPIRED', 'CANCELLED', 'PARTIALLY_REFUNDED', 'REFUNDED');

-- CreateEnum
CREATE TYPE "CardAttemptStatus" AS ENUM ('processing', 'requires_action', 'succeeded', 'declined', 'abandoned');

-- CreateEnum
CREATE TYPE "CardRefundStatus" AS ENUM ('pending', 'succeeded', 'failed');

-- AlterEnum
ALTER TYPE "ChargeStatus" ADD VALUE 'requires_action';

-- AlterTable
ALTER TABLE "charges" ADD COLUMN     "card_attempt_id" TEXT,
ADD COLUMN     "card_session_id" UUID,
ADD COLUMN     "latency_ms" INTEGER;

-- CreateTable
CREATE TABLE "card_sessions" (
    "id" UUID NOT NULL,
    "merchant_id" TEXT NOT NULL,
    "mode" "Mode" NOT NULL,
    "status" "CardSessionStatus" NOT NULL DEFAULT 'PENDING',
    "secret" TEXT NOT NULL,
    "order_reference" TEXT NOT NULL,
    "payment_method" TEXT NOT NULL,
    "currency" TEXT NOT NULL,
    "locale" TEXT,
    "amount_total" BIGINT NOT NULL,
    "amount_shipping" BIGINT,
    "amount_tax" BIGINT,
    "order_items" JSONB,
    "customer" JSONB NOT NULL,
    "shipping" JSONB,
    "additional_information" JSONB,
    "success_url" TEXT NOT NULL,
    "failure_url" TEXT NOT NULL,
    "selected_provider" TEXT NOT NULL,
    "routing" JSONB NOT NULL,
    "max_attempts" INTEGER NOT NULL,
    "attempt_count" INTEGER NOT NULL DEFAULT 0,
    "processing_until" TIMESTAMPTZ(3),
    "provider" TEXT,
    "provider_reference" TEXT,
    "card_brand" TEXT,
    "card_last4" TEXT,
    "captured_amount" BIGINT NOT NULL DEFAULT 0,
    "refunded_amount" BIGINT NOT NULL DEFAULT 0,
    "refund_pending_amount" BIGINT NOT NULL DEFAULT 0,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "completed_at" TIMESTAMPTZ(3),

    CONSTRAINT "card_sessions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "card_payment_attempts" (
    "id" TEXT NOT NULL,
    "session_id" UUID NOT NULL,
    "number" INTEGER NOT NULL,
    "status" "CardAttemptStatus" NOT NULL,
    "routing" JSONB NOT NULL,
    "provider" TEXT,
    "provider_reference" TEXT,
    "decline_code" TEXT,
    "message" TEXT,
    "card_brand" TEXT NOT NULL,
    "card_last4" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at" TIMESTAMPTZ(3),

    CONSTRAINT "card_payment_attempts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "card_refunds" (
    "id" TEXT NOT NULL,
    "merchant_id" TEXT NOT NULL,
    "mode" "Mode" NOT NULL,
    "session_id" UUID NOT NULL,
    "amount" BIGINT NOT NULL,
    "currency" TEXT NOT NULL,
    "status" "CardRefundStatus" NOT NULL,
    "provider" TEXT NOT NULL,
    "provider_reference" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "completed_at" TIMESTAMPTZ(3),

    CONSTRAINT "card_refunds_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "card_provider_stats" (
    "merchant_id" TEXT NOT NULL,
    "mode" "Mode" NOT NULL,
    "provider" TEXT NOT NULL,
    "bucket_start" TIMESTAMPTZ(3) NOT NULL,
    "calls" INTEGER NOT NULL DEFAULT 0,
    "approvals" INTEGER NOT NULL DEFAULT 0,
    "latency_ms_sum" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "card_provider_stats_pkey" PRIMARY KEY ("merchant_id","mode","provider","bucket_start")
);

-- CreateTable
CREATE TABLE "card_provider_health" (
    "merchant_id" TEXT NOT NULL,
    "mode" "Mode" NOT NULL,
    "provider" TEXT NOT NULL,
    "consecutive_failures" INTEGER NOT NULL DEFAULT 0,
    "open_until" TIMESTAMPTZ(3),
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "card_provider_health_pkey" PRIMARY KEY ("merchant_id","mode","provider")
);

-- CreateTable
CREATE TABLE "server_secrets" (
    "name" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "server_secrets_pkey" PRIMARY KEY ("name")
);

-- CreateIndex
CREATE UNIQUE INDEX "card_sessions_secret_key" ON "card_sessions"("secret");

-- CreateIndex
CREATE INDEX "card_sessions_merchant_id_mode_created_at_idx" ON "card_sessions"("merchant_id", "mode", "created_at");

-- CreateIndex
CREATE INDEX "card_sessions_merchant_id_mode_status_created_at_idx" ON "card_sessions"("merchant_id", "mode", "status", "created_at");

-- CreateIndex
CREATE INDEX "card_sessions_status_expires_at_idx" ON "card_sessions"("status", "expires_at");

-- CreateIndex
CREATE UNIQUE INDEX "card_payment_attempts_session_id_number_key" ON "card_payment_attempts"("session_id", "number");

-- CreateIndex
CREATE INDEX "card_refunds_session_id_idx" ON "card_refunds"("session_id");

-- CreateIndex
CREATE INDEX "card_provider_stats_bucket_start_idx" ON "card_provider_stats"("bucket_start");

-- CreateIndex
CREATE INDEX "charges_card_session_id_idx" ON "charges"("card_session_id");

-- AddForeignKey
ALTER TABLE "charges" ADD CONSTRAINT "charges_card_session_id_fkey" FOREIGN KEY ("card_session_id") REFERENCES "card_sessions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "charges" ADD CONSTRAINT "charges_card_attempt_id_fkey" FOREIGN KEY ("card_attempt_id") REFERENCES "card_payment_attempts"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "card_sessions" ADD CONSTRAINT "card_sessions_merchant_id_fkey" FOREIGN KEY ("merchant_id") REFERENCES "merchants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "card_payment_attempts" ADD CONSTRAINT "card_payment_attempts_session_id_fkey" FOREIGN KEY ("session_id") REFERENCES "card_sessions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "card_refunds" ADD CONSTRAINT "card_refunds_merchant_id_fkey" FOREIGN KEY ("merchant_id") REFERENCES "merchants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "card_refunds" ADD CONSTRAINT "card_refunds_session_id_fkey" FOREIGN KEY ("session_id") REFERENCES "card_sessions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Hand-written: rules the schema language cannot say.

ALTER TABLE "card_sessions" ADD CONSTRAINT "card_sessions_amounts_valid"
    CHECK ("amount_total" > 0
       AND coalesce("amount_shipping", 0) >= 0
       AND coalesce("amount_tax", 0) >= 0
       AND "captured_amount" >= 0
       AND "refunded_amount" >= 0
       AND "refund_pending_amount" >= 0
       -- never more refunded (or being refunded) than was captured
       AND "refunded_amount" + "refund_pending_amount" <= "captured_amount");
ALTER TABLE "card_sessions" ADD CONSTRAINT "card_sessions_attempts_valid"
    CHECK ("max_attempts" >= 1 AND "attempt_count" >= 0 AND "attempt_count" <= "max_attempts");
ALTER TABLE "card_refunds" ADD CONSTRAINT "card_refunds_amount_positive"
    CHECK ("amount" > 0);
