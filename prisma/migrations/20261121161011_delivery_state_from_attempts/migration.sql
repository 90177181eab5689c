-- AlterTable
ALTER TABLE "webhook_deliveries" DROP COLUMN "last_attempt_at",
DROP COLUMN "last_duration_ms",
DROP COLUMN "last_error",
DROP COLUMN "last_response_status";
