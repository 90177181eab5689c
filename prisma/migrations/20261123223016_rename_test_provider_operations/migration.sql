-- One word for one concept: the test card providers' own records. A rename,
-- not Prisma's drop and create, so the records (which the reconciler asks
-- about after a restart) survive the upgrade.
ALTER TABLE "test_connector_operations" RENAME TO "test_provider_operations";
ALTER TABLE "test_provider_operations" RENAME CONSTRAINT "test_connector_operations_pkey" TO "test_provider_operations_pkey";
ALTER INDEX "test_connector_operations_reference_idx" RENAME TO "test_provider_operations_reference_idx";
