-- CreateEnum
CREATE TYPE "WalletCheckoutMode" AS ENUM ('onboarding', 'topup', 'subscription', 'credit_bundle');

-- CreateEnum
CREATE TYPE "WalletCheckoutStatus" AS ENUM ('open', 'completed');

-- CreateEnum
CREATE TYPE "BillingInterval" AS ENUM ('day', 'week', 'month', 'year');

-- CreateEnum
CREATE TYPE "RolloverType" AS ENUM ('full', 'none');

-- CreateEnum
CREATE TYPE "SubscriptionStatus" AS ENUM ('active', 'cancelled');

-- CreateEnum
CREATE TYPE "LedgerAccount" AS ENUM ('wallet', 'cycle_credit', 'bundle_credit');

-- CreateEnum
CREATE TYPE "LedgerReason" AS ENUM ('funding', 'topup', 'subscription_credit', 'credit_bundle');

-- CreateEnum
CREATE TYPE "ChargeStatus" AS ENUM ('succeeded', 'declined', 'failed');

-- CreateTable
CREATE TABLE "subscription_configs" (
    "id" TEXT NOT NULL,
    "merchant_id" TEXT NOT NULL,
    "mode" "Mode" NOT NULL,
    "name" TEXT NOT NULL,
    "currency" TEXT NOT NULL DEFAULT 'USD',
    "period_amount" BIGINT NOT NULL,
    "included_credit" BIGINT NOT NULL,
    "billing_interval" "BillingInterval" NOT NULL,
    "rollover_type" "RolloverType" NOT NULL DEFAULT 'none',
    "bundle_rollover_type" "RolloverType" NOT NULL DEFAULT 'full',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "subscription_configs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "credit_bundles" (
    "id" TEXT NOT NULL,
    "merchant_id" TEXT NOT NULL,
    "mode" "Mode" NOT NULL,
    "subscription_config_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "currency" TEXT NOT NULL DEFAULT 'USD',
    "cost" BIGINT NOT NULL,
    "credit_amount" BIGINT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "credit_bundles_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "connections" (
    "id" TEXT NOT NULL,
    "merchant_id" TEXT NOT NULL,
    "mode" "Mode" NOT NULL,
    "first_name" TEXT NOT NULL,
    "last_name" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "phone" TEXT NOT NULL,
    "currency" TEXT NOT NULL DEFAULT 'USD',
    "card_provider" TEXT NOT NULL,
    "card_token" TEXT NOT NULL,
    "card_brand" TEXT NOT NULL,
    "card_last4" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deleted_at" TIMESTAMPTZ(3),

    CONSTRAINT "connections_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "subscriptions" (
    "id" TEXT NOT NULL,
    "merchant_id" TEXT NOT NULL,
    "mode" "Mode" NOT NULL,
    "connection_id" TEXT NOT NULL,
    "subscription_config_id" TEXT NOT NULL,
    "status" "SubscriptionStatus" NOT NULL,
    "started_at" TIMESTAMPTZ(3) NOT NULL,
    "cancelled_at" TIMESTAMPTZ(3),
    "cycle_start_at" TIMESTAMPTZ(3) NOT NULL,
    "cycle_end_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "subscriptions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ledger_entries" (
    "id" TEXT NOT NULL,
    "merchant_id" TEXT NOT NULL,
    "mode" "Mode" NOT NULL,
    "connection_id" TEXT NOT NULL,
    "account" "LedgerAccount" NOT NULL,
    "amount" BIGINT NOT NULL,
    "balance_after" BIGINT NOT NULL,
    "currency" TEXT NOT NULL,
    "reason" "LedgerReason" NOT NULL,
    "checkout_session_id" TEXT,
    "subscription_id" TEXT,
    "charge_id" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ledger_entries_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "charges" (
    "id" TEXT NOT NULL,
    "merchant_id" TEXT NOT NULL,
    "mode" "Mode" NOT NULL,
    "provider" TEXT NOT NULL,
    "provider_reference" TEXT,
    "amount" BIGINT NOT NULL,
    "currency" TEXT NOT NULL,
    "status" "ChargeStatus" NOT NULL,
    "decline_code" TEXT,
    "card_brand" TEXT NOT NULL,
    "card_last4" TEXT NOT NULL,
    "checkout_session_id" TEXT,
    "connection_id" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "charges_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "wallet_checkout_sessions" (
    "id" TEXT NOT NULL,
    "merchant_id" TEXT NOT NULL,
    "mode" "Mode" NOT NULL,
    "checkout_mode" "WalletCheckoutMode" NOT NULL,
    "status" "WalletCheckoutStatus" NOT NULL DEFAULT 'open',
    "secret" TEXT NOT NULL,
    "origin_url" TEXT NOT NULL,
    "reference_id" TEXT,
    "connection_id" TEXT,
    "subscription_config_id" TEXT,
    "credit_bundle_id" TEXT,
    "currency" TEXT NOT NULL DEFAULT 'USD',
    "amount" BIGINT,
    "processing_until" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "completed_at" TIMESTAMPTZ(3),

    CONSTRAINT "wallet_checkout_sessions_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "subscription_configs_merchant_id_mode_idx" ON "subscription_configs"("merchant_id", "mode");

-- CreateIndex
CREATE INDEX "credit_bundles_merchant_id_mode_idx" ON "credit_bundles"("merchant_id", "mode");

-- CreateIndex
CREATE INDEX "credit_bundles_subscription_config_id_idx" ON "credit_bundles"("subscription_config_id");

-- CreateIndex
CREATE INDEX "connections_merchant_id_mode_idx" ON "connections"("merchant_id", "mode");

-- CreateIndex
CREATE INDEX "subscriptions_merchant_id_mode_idx" ON "subscriptions"("merchant_id", "mode");

-- CreateIndex
CREATE INDEX "subscriptions_connection_id_idx" ON "subscriptions"("connection_id");

-- CreateIndex
CREATE INDEX "ledger_entries_connection_id_account_id_idx" ON "ledger_entries"("connection_id", "account", "id");

-- CreateIndex
CREATE INDEX "charges_checkout_session_id_idx" ON "charges"("checkout_session_id");

-- CreateIndex
CREATE UNIQUE INDEX "wallet_checkout_sessions_secret_key" ON "wallet_checkout_sessions"("secret");

-- CreateIndex
CREATE INDEX "wallet_checkout_sessions_merchant_id_mode_reference_id_idx" ON "wallet_checkout_sessions"("merchant_id", "mode", "reference_id");

-- AddForeignKey
ALTER TABLE "subscription_configs" ADD CONSTRAINT "subscription_configs_merchant_id_fkey" FOREIGN KEY ("merchant_id") REFERENCES "merchants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "credit_bundles" ADD CONSTRAINT "credit_bundles_merchant_id_fkey" FOREIGN KEY ("merchant_id") REFERENCES "merchants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "credit_bundles" ADD CONSTRAINT "credit_bundles_subscription_config_id_fkey" FOREIGN KEY ("subscription_config_id") REFERENCES "subscription_configs"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "connections" ADD CONSTRAINT "connections_merchant_id_fkey" FOREIGN KEY ("merchant_id") REFERENCES "merchants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "subscriptions" ADD CONSTRAINT "subscriptions_merchant_id_fkey" FOREIGN KEY ("merchant_id") REFERENCES "merchants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "subscriptions" ADD CONSTRAINT "subscriptions_connection_id_fkey" FOREIGN KEY ("connection_id") REFERENCES "connections"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "subscriptions" ADD CONSTRAINT "subscriptions_subscription_config_id_fkey" FOREIGN KEY ("subscription_config_id") REFERENCES "subscription_configs"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ledger_entries" ADD CONSTRAINT "ledger_entries_merchant_id_fkey" FOREIGN KEY ("merchant_id") REFERENCES "merchants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ledger_entries" ADD CONSTRAINT "ledger_entries_connection_id_fkey" FOREIGN KEY ("connection_id") REFERENCES "connections"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ledger_entries" ADD CONSTRAINT "ledger_entries_checkout_session_id_fkey" FOREIGN KEY ("checkout_session_id") REFERENCES "wallet_checkout_sessions"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ledger_entries" ADD CONSTRAINT "ledger_entries_subscription_id_fkey" FOREIGN KEY ("subscription_id") REFERENCES "subscriptions"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ledger_entries" ADD CONSTRAINT "ledger_entries_charge_id_fkey" FOREIGN KEY ("charge_id") REFERENCES "charges"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "charges" ADD CONSTRAINT "charges_merchant_id_fkey" FOREIGN KEY ("merchant_id") REFERENCES "merchants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "charges" ADD CONSTRAINT "charges_checkout_session_id_fkey" FOREIGN KEY ("checkout_session_id") REFERENCES "wallet_checkout_sessions"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "charges" ADD CONSTRAINT "charges_connection_id_fkey" FOREIGN KEY ("connection_id") REFERENCES "connections"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "wallet_checkout_sessions" ADD CONSTRAINT "wallet_checkout_sessions_merchant_id_fkey" FOREIGN KEY ("merchant_id") REFERENCES "merchants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "wallet_checkout_sessions" ADD CONSTRAINT "wallet_checkout_sessions_connection_id_fkey" FOREIGN KEY ("connection_id") REFERENCES "connections"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "wallet_checkout_sessions" ADD CONSTRAINT "wallet_checkout_sessions_subscription_config_id_fkey" FOREIGN KEY ("subscription_config_id") REFERENCES "subscription_configs"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "wallet_checkout_sessions" ADD CONSTRAINT "wallet_checkout_sessions_credit_bundle_id_fkey" FOREIGN KEY ("credit_bundle_id") REFERENCES "credit_bundles"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Written by hand: rules Prisma's schema language cannot state.

-- One active subscription per connection.
CREATE UNIQUE INDEX "subscriptions_one_active_per_connection"
    ON "subscriptions" ("connection_id") WHERE "status" = 'active';

-- Positive money everywhere it is a price.
ALTER TABLE "subscription_configs" ADD CONSTRAINT "subscription_configs_amounts_check"
    CHECK ("period_amount" > 0 AND "included_credit" >= 0);
ALTER TABLE "credit_bundles" ADD CONSTRAINT "credit_bundles_amounts_check"
    CHECK ("cost" > 0 AND "credit_amount" > 0);
ALTER TABLE "charges" ADD CONSTRAINT "charges_amount_check" CHECK ("amount" > 0);

-- A balance never goes negative, and a ledger entry always moves money.
ALTER TABLE "ledger_entries" ADD CONSTRAINT "ledger_entries_balance_check"
    CHECK ("balance_after" >= 0 AND "amount" <> 0);

-- The ledger is append-only: history is corrected by new entries, never edited.
CREATE FUNCTION "ledger_entries_append_only"() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'ledger_entries is append-only (% refused)', TG_OP;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "ledger_entries_append_only"
    BEFORE UPDATE OR DELETE ON "ledger_entries"
    FOR EACH ROW EXECUTE FUNCTION "ledger_entries_append_only"();
