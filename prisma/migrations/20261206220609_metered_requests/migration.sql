-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "LedgerReason" ADD VALUE 'bundle_expiry';
ALTER TYPE "LedgerReason" ADD VALUE 'usage';

-- AlterTable
ALTER TABLE "connections" ADD COLUMN     "bundle_credit_balance" BIGINT NOT NULL DEFAULT 0,
ADD COLUMN     "cycle_credit_balance" BIGINT NOT NULL DEFAULT 0,
ADD COLUMN     "usage_remainder" BIGINT NOT NULL DEFAULT 0,
ADD COLUMN     "wallet_balance" BIGINT NOT NULL DEFAULT 0;

-- Each account's balance as its ledger sums it today, and from now on a trigger adds every new entry to it, in
-- the entry's transaction: no code (nor an instance of the release before, during a rolling deploy) can write an
-- entry without it. Entries wait while this runs, so none is missed between the sums and the trigger. A balance
-- below zero is refused, as the entries' balance_after is.
LOCK TABLE "ledger_entries" IN SHARE ROW EXCLUSIVE MODE;
UPDATE "connections" AS c SET
  "wallet_balance" = s.wallet, "cycle_credit_balance" = s.cycle_credit, "bundle_credit_balance" = s.bundle_credit
FROM (
  SELECT "connection_id",
    COALESCE(sum("amount") FILTER (WHERE "account" = 'wallet'), 0) AS wallet,
    COALESCE(sum("amount") FILTER (WHERE "account" = 'cycle_credit'), 0) AS cycle_credit,
    COALESCE(sum("amount") FILTER (WHERE "account" = 'bundle_credit'), 0) AS bundle_credit
  FROM "ledger_entries" GROUP BY "connection_id"
) AS s
WHERE s."connection_id" = c."id";
ALTER TABLE "connections" ADD CONSTRAINT "connections_balances_check"
  CHECK ("wallet_balance" >= 0 AND "cycle_credit_balance" >= 0 AND "bundle_credit_balance" >= 0 AND "usage_remainder" >= 0);

CREATE FUNCTION "ledger_entries_add_to_balance"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "connections" SET
    "wallet_balance" = "wallet_balance" + CASE WHEN NEW."account" = 'wallet' THEN NEW."amount" ELSE 0 END,
    "cycle_credit_balance" = "cycle_credit_balance" + CASE WHEN NEW."account" = 'cycle_credit' THEN NEW."amount" ELSE 0 END,
    "bundle_credit_balance" = "bundle_credit_balance" + CASE WHEN NEW."account" = 'bundle_credit' THEN NEW."amount" ELSE 0 END
  WHERE "id" = NEW."connection_id";
  RETURN NULL;
END $$;
CREATE TRIGGER "ledger_entries_add_to_balance" AFTER INSERT ON "ledger_entries"
  FOR EACH ROW EXECUTE FUNCTION "ledger_entries_add_to_balance"();

-- AlterTable
ALTER TABLE "ledger_entries" ADD COLUMN     "metered_request_id" TEXT;

-- CreateTable
CREATE TABLE "wallet_settings" (
    "merchant_id" TEXT NOT NULL,
    "mode" "Mode" NOT NULL,
    "low_balance_threshold" BIGINT,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "wallet_settings_pkey" PRIMARY KEY ("merchant_id","mode")
);

-- CreateTable
CREATE TABLE "metered_requests" (
    "id" TEXT NOT NULL,
    "merchant_id" TEXT NOT NULL,
    "mode" "Mode" NOT NULL,
    "request_id" TEXT NOT NULL,
    "body_hash" TEXT NOT NULL,
    "connection_id" TEXT NOT NULL,
    "meter_id" TEXT NOT NULL,
    "currency" TEXT NOT NULL,
    "metadata" JSONB NOT NULL,
    "input_tokens" BIGINT NOT NULL,
    "output_tokens" BIGINT NOT NULL,
    "input_characters" BIGINT NOT NULL,
    "output_characters" BIGINT NOT NULL,
    "input_milliseconds" BIGINT NOT NULL,
    "output_milliseconds" BIGINT NOT NULL,
    "rate_type" "MeterRateType" NOT NULL,
    "token_basis" "MeterTokenBasis" NOT NULL,
    "base_cost_payer" "MeterPayer" NOT NULL,
    "service_charge_payer" "MeterPayer" NOT NULL,
    "input_cost" DECIMAL(38,12) NOT NULL,
    "output_cost" DECIMAL(38,12) NOT NULL,
    "fee_amount" DECIMAL(38,12) NOT NULL,
    "service_charge" DECIMAL(38,12) NOT NULL,
    "wallet_cost" DECIMAL(38,12) NOT NULL,
    "merchant_cost" DECIMAL(38,12) NOT NULL,
    "breakdown" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "metered_requests_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "usage_days" (
    "merchant_id" TEXT NOT NULL,
    "mode" "Mode" NOT NULL,
    "day" DATE NOT NULL,
    "connection_id" TEXT NOT NULL,
    "meter_id" TEXT NOT NULL,
    "requests" BIGINT NOT NULL,
    "tokens" BIGINT NOT NULL,
    "usage_cost" DECIMAL(38,12) NOT NULL,
    "fee_amount" DECIMAL(38,12) NOT NULL,
    "service_charge" DECIMAL(38,12) NOT NULL,
    "wallet_cost" DECIMAL(38,12) NOT NULL,
    "merchant_cost" DECIMAL(38,12) NOT NULL,

    CONSTRAINT "usage_days_pkey" PRIMARY KEY ("merchant_id","mode","day","connection_id","meter_id")
);

-- CreateTable
CREATE TABLE "meter_usage_totals" (
    "connection_id" TEXT NOT NULL,
    "meter_id" TEXT NOT NULL,
    "period_start" TIMESTAMPTZ(3) NOT NULL,
    "units" BIGINT NOT NULL,

    CONSTRAINT "meter_usage_totals_pkey" PRIMARY KEY ("connection_id","meter_id","period_start")
);

-- CreateIndex
CREATE INDEX "metered_requests_merchant_id_mode_id_idx" ON "metered_requests"("merchant_id", "mode", "id");

-- CreateIndex
CREATE INDEX "metered_requests_connection_id_id_idx" ON "metered_requests"("connection_id", "id");

-- CreateIndex
CREATE INDEX "metered_requests_meter_id_id_idx" ON "metered_requests"("meter_id", "id");

-- CreateIndex
CREATE INDEX "metered_requests_merchant_id_mode_created_at_idx" ON "metered_requests"("merchant_id", "mode", "created_at");

-- CreateIndex
CREATE INDEX "metered_requests_metadata_idx" ON "metered_requests" USING GIN ("metadata" jsonb_path_ops);

-- CreateIndex
CREATE UNIQUE INDEX "metered_requests_merchant_id_mode_request_id_key" ON "metered_requests"("merchant_id", "mode", "request_id");

-- AddForeignKey
ALTER TABLE "wallet_settings" ADD CONSTRAINT "wallet_settings_merchant_id_fkey" FOREIGN KEY ("merchant_id") REFERENCES "merchants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "metered_requests" ADD CONSTRAINT "metered_requests_merchant_id_fkey" FOREIGN KEY ("merchant_id") REFERENCES "merchants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "metered_requests" ADD CONSTRAINT "metered_requests_connection_id_fkey" FOREIGN KEY ("connection_id") REFERENCES "connections"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "metered_requests" ADD CONSTRAINT "metered_requests_meter_id_fkey" FOREIGN KEY ("meter_id") REFERENCES "meters"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "usage_days" ADD CONSTRAINT "usage_days_merchant_id_fkey" FOREIGN KEY ("merchant_id") REFERENCES "merchants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "usage_days" ADD CONSTRAINT "usage_days_connection_id_fkey" FOREIGN KEY ("connection_id") REFERENCES "connections"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "usage_days" ADD CONSTRAINT "usage_days_meter_id_fkey" FOREIGN KEY ("meter_id") REFERENCES "meters"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "meter_usage_totals" ADD CONSTRAINT "meter_usage_totals_connection_id_fkey" FOREIGN KEY ("connection_id") REFERENCES "connections"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "meter_usage_totals" ADD CONSTRAINT "meter_usage_totals_meter_id_fkey" FOREIGN KEY ("meter_id") REFERENCES "meters"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ledger_entries" ADD CONSTRAINT "ledger_entries_metered_request_id_fkey" FOREIGN KEY ("metered_request_id") REFERENCES "metered_requests"("id") ON DELETE SET NULL ON UPDATE CASCADE;
