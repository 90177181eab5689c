-- CreateEnum
CREATE TYPE "CornerStyle" AS ENUM ('rounded', 'square', 'pill');

-- CreateEnum
CREATE TYPE "BrandTheme" AS ENUM ('light', 'dark', 'auto');

-- AlterTable
ALTER TABLE "merchants" ADD COLUMN     "brand_color" TEXT,
ADD COLUMN     "button_color" TEXT,
ADD COLUMN     "corner_style" "CornerStyle",
ADD COLUMN     "display_name" TEXT,
ADD COLUMN     "logo_sha256" TEXT,
ADD COLUMN     "show_powered_by" BOOLEAN,
ADD COLUMN     "theme" "BrandTheme";

-- CreateTable
CREATE TABLE "brand_logos" (
    "sha256" TEXT NOT NULL,
    "content_type" TEXT NOT NULL,
    "bytes" BYTEA NOT NULL,
    "width" INTEGER NOT NULL,
    "height" INTEGER NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "brand_logos_pkey" PRIMARY KEY ("sha256")
);

-- AddForeignKey
ALTER TABLE "merchants" ADD CONSTRAINT "merchants_logo_sha256_fkey" FOREIGN KEY ("logo_sha256") REFERENCES "brand_logos"("sha256") ON DELETE SET NULL ON UPDATE CASCADE;
