-- AlterEnum
ALTER TYPE "LedgerReason" ADD VALUE 'cycle_expiry';

-- AlterTable
ALTER TABLE "subscriptions" ADD COLUMN     "renewal_claimed_until" TIMESTAMPTZ(3);

-- CreateIndex
CREATE INDEX "subscriptions_status_cycle_end_at_idx" ON "subscriptions"("status", "cycle_end_at");
