-- CreateEnum
CREATE TYPE "CryptoAsset" AS ENUM ('ETH', 'USDC', 'USDT');

-- CreateEnum
CREATE TYPE "CryptoCheckoutStatus" AS ENUM ('open', 'pending', 'completed', 'expired', 'canceled');

-- CreateEnum
CREATE TYPE "CryptoTransferStatus" AS ENUM ('seen', 'confirmed', 'orphaned');

-- CreateTable
CREATE TABLE "crypto_accounts" (
    "id" TEXT NOT NULL,
    "merchant_id" TEXT NOT NULL,
    "mode" "Mode" NOT NULL,
    "xpub" TEXT NOT NULL,
    "next_index" INTEGER NOT NULL DEFAULT 0,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "retired_at" TIMESTAMPTZ(3),

    CONSTRAINT "crypto_accounts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "crypto_customers" (
    "id" TEXT NOT NULL,
    "merchant_id" TEXT NOT NULL,
    "mode" "Mode" NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "crypto_customers_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "crypto_checkout_sessions" (
    "id" TEXT NOT NULL,
    "merchant_id" TEXT NOT NULL,
    "mode" "Mode" NOT NULL,
    "status" "CryptoCheckoutStatus" NOT NULL DEFAULT 'open',
    "secret" TEXT NOT NULL,
    "amount" BIGINT NOT NULL,
    "currency" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "customer_id" TEXT NOT NULL,
    "metadata" JSONB NOT NULL,
    "product_id" TEXT NOT NULL,
    "product_name" TEXT NOT NULL,
    "product_description" TEXT NOT NULL,
    "allowed_assets" "CryptoAsset"[],
    "success_url" TEXT NOT NULL,
    "cancel_url" TEXT NOT NULL,
    "chain_id" INTEGER NOT NULL,
    "account_id" TEXT NOT NULL,
    "derivation_index" INTEGER NOT NULL,
    "address" TEXT NOT NULL,
    "quote_asset" "CryptoAsset",
    "quote_rate" TEXT,
    "quote_source" TEXT,
    "quote_amount_due" DECIMAL(78,0),
    "quoted_at" TIMESTAMPTZ(3),
    "quote_expires_at" TIMESTAMPTZ(3),
    "amount_received" DECIMAL(78,0) NOT NULL DEFAULT 0,
    "overpaid" BOOLEAN NOT NULL DEFAULT false,
    "paid_late" BOOLEAN NOT NULL DEFAULT false,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "completed_at" TIMESTAMPTZ(3),

    CONSTRAINT "crypto_checkout_sessions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "crypto_transfers" (
    "id" TEXT NOT NULL,
    "session_id" TEXT NOT NULL,
    "chain_id" INTEGER NOT NULL,
    "asset" "CryptoAsset" NOT NULL,
    "tx_hash" TEXT NOT NULL,
    "log_index" INTEGER NOT NULL,
    "block_number" BIGINT,
    "block_hash" TEXT,
    "from_address" TEXT,
    "amount" DECIMAL(78,0) NOT NULL,
    "status" "CryptoTransferStatus" NOT NULL,
    "confirmations" INTEGER NOT NULL DEFAULT 0,
    "simulated" BOOLEAN NOT NULL DEFAULT false,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "confirmed_at" TIMESTAMPTZ(3),

    CONSTRAINT "crypto_transfers_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "chain_cursors" (
    "chain_id" INTEGER NOT NULL,
    "next_block" BIGINT NOT NULL,
    "last_block_hash" TEXT,
    "lease_owner" TEXT,
    "lease_until" TIMESTAMPTZ(3),
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "chain_cursors_pkey" PRIMARY KEY ("chain_id")
);

-- CreateIndex
CREATE UNIQUE INDEX "crypto_accounts_merchant_id_mode_xpub_key" ON "crypto_accounts"("merchant_id", "mode", "xpub");

-- CreateIndex
CREATE UNIQUE INDEX "crypto_customers_merchant_id_mode_email_key" ON "crypto_customers"("merchant_id", "mode", "email");

-- CreateIndex
CREATE UNIQUE INDEX "crypto_checkout_sessions_secret_key" ON "crypto_checkout_sessions"("secret");

-- CreateIndex
CREATE INDEX "crypto_checkout_sessions_merchant_id_mode_idx" ON "crypto_checkout_sessions"("merchant_id", "mode");

-- CreateIndex
CREATE INDEX "crypto_checkout_sessions_status_expires_at_idx" ON "crypto_checkout_sessions"("status", "expires_at");

-- CreateIndex
CREATE UNIQUE INDEX "crypto_checkout_sessions_chain_id_address_key" ON "crypto_checkout_sessions"("chain_id", "address");

-- CreateIndex
CREATE UNIQUE INDEX "crypto_checkout_sessions_account_id_derivation_index_key" ON "crypto_checkout_sessions"("account_id", "derivation_index");

-- CreateIndex
CREATE INDEX "crypto_transfers_session_id_idx" ON "crypto_transfers"("session_id");

-- CreateIndex
CREATE INDEX "crypto_transfers_chain_id_status_idx" ON "crypto_transfers"("chain_id", "status");

-- CreateIndex
CREATE UNIQUE INDEX "crypto_transfers_chain_id_tx_hash_log_index_key" ON "crypto_transfers"("chain_id", "tx_hash", "log_index");

-- AddForeignKey
ALTER TABLE "crypto_accounts" ADD CONSTRAINT "crypto_accounts_merchant_id_fkey" FOREIGN KEY ("merchant_id") REFERENCES "merchants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "crypto_customers" ADD CONSTRAINT "crypto_customers_merchant_id_fkey" FOREIGN KEY ("merchant_id") REFERENCES "merchants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "crypto_checkout_sessions" ADD CONSTRAINT "crypto_checkout_sessions_merchant_id_fkey" FOREIGN KEY ("merchant_id") REFERENCES "merchants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "crypto_checkout_sessions" ADD CONSTRAINT "crypto_checkout_sessions_customer_id_fkey" FOREIGN KEY ("customer_id") REFERENCES "crypto_customers"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "crypto_checkout_sessions" ADD CONSTRAINT "crypto_checkout_sessions_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "crypto_accounts"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "crypto_transfers" ADD CONSTRAINT "crypto_transfers_session_id_fkey" FOREIGN KEY ("session_id") REFERENCES "crypto_checkout_sessions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Hand-written: rules the schema language cannot say.

-- One active extended public key per merchant and mode.
CREATE UNIQUE INDEX "crypto_accounts_one_active_per_mode"
    ON "crypto_accounts" ("merchant_id", "mode") WHERE "retired_at" IS NULL;

ALTER TABLE "crypto_accounts" ADD CONSTRAINT "crypto_accounts_next_index_range"
    CHECK ("next_index" >= 0 AND "next_index" < 2147483648);
ALTER TABLE "crypto_checkout_sessions" ADD CONSTRAINT "crypto_checkout_sessions_amount_positive"
    CHECK ("amount" > 0);
ALTER TABLE "crypto_checkout_sessions" ADD CONSTRAINT "crypto_checkout_sessions_amounts_not_negative"
    CHECK ("amount_received" >= 0 AND ("quote_amount_due" IS NULL OR "quote_amount_due" > 0));
ALTER TABLE "crypto_transfers" ADD CONSTRAINT "crypto_transfers_amount_positive"
    CHECK ("amount" > 0);
