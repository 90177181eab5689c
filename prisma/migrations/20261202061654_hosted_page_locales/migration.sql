-- AlterTable
ALTER TABLE "merchants" ADD COLUMN     "default_locale" TEXT;

-- AlterTable
ALTER TABLE "wallet_checkout_sessions" ADD COLUMN     "locale" TEXT;

-- AlterTable
ALTER TABLE "crypto_checkout_sessions" ADD COLUMN     "locale" TEXT;
