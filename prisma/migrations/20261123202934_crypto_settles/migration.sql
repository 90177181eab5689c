-- AlterTable
ALTER TABLE "crypto_checkout_sessions" ADD COLUMN     "underpaid" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "crypto_transfers" ADD COLUMN     "after_close" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "chain_cursors" ADD COLUMN     "scanned_through" TIMESTAMPTZ(3);

-- Until now a transfer could only reach an expired or canceled session after it closed.
UPDATE "crypto_transfers" t SET "after_close" = true
  FROM "crypto_checkout_sessions" s
 WHERE t."session_id" = s."id" AND s."status" IN ('expired', 'canceled');
