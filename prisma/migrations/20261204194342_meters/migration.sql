-- CreateEnum
CREATE TYPE "MeterRateType" AS ENUM ('fixed', 'percentage');

-- CreateEnum
CREATE TYPE "MeterTokenBasis" AS ENUM ('input+output', 'output');

-- CreateEnum
CREATE TYPE "MeterPayer" AS ENUM ('wallet', 'merchant');

-- CreateTable
CREATE TABLE "meters" (
    "id" TEXT NOT NULL,
    "merchant_id" TEXT NOT NULL,
    "mode" "Mode" NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "rate_type" "MeterRateType" NOT NULL,
    "token_basis" "MeterTokenBasis" NOT NULL,
    "base_cost_payer" "MeterPayer" NOT NULL,
    "service_charge_payer" "MeterPayer" NOT NULL,
    "tiers" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "meters_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "subscription_config_meters" (
    "subscription_config_id" TEXT NOT NULL,
    "meter_id" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "subscription_config_meters_pkey" PRIMARY KEY ("subscription_config_id","meter_id")
);

-- CreateIndex
CREATE INDEX "meters_merchant_id_mode_id_idx" ON "meters"("merchant_id", "mode", "id");

-- CreateIndex
CREATE UNIQUE INDEX "meters_merchant_id_mode_slug_key" ON "meters"("merchant_id", "mode", "slug");

-- CreateIndex
CREATE INDEX "subscription_config_meters_meter_id_idx" ON "subscription_config_meters"("meter_id");

-- AddForeignKey
ALTER TABLE "meters" ADD CONSTRAINT "meters_merchant_id_fkey" FOREIGN KEY ("merchant_id") REFERENCES "merchants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "subscription_config_meters" ADD CONSTRAINT "subscription_config_meters_subscription_config_id_fkey" FOREIGN KEY ("subscription_config_id") REFERENCES "subscription_configs"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "subscription_config_meters" ADD CONSTRAINT "subscription_config_meters_meter_id_fkey" FOREIGN KEY ("meter_id") REFERENCES "meters"("id") ON DELETE CASCADE ON UPDATE CASCADE;
