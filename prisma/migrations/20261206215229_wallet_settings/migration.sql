-- CreateTable
CREATE TABLE "wallet_settings" (
    "merchant_id" TEXT NOT NULL,
    "mode" "Mode" NOT NULL,
    "low_balance_threshold" BIGINT,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "wallet_settings_pkey" PRIMARY KEY ("merchant_id","mode")
);

-- AddForeignKey
ALTER TABLE "wallet_settings" ADD CONSTRAINT "wallet_settings_merchant_id_fkey" FOREIGN KEY ("merchant_id") REFERENCES "merchants"("id") ON DELETE CASCADE ON UPDATE CASCADE;
