-- AlterTable
ALTER TABLE "Response" ADD COLUMN "duplicateReviewedAt" DATETIME;
ALTER TABLE "Response" ADD COLUMN "fillNonce" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "Response_fillNonce_key" ON "Response"("fillNonce");

