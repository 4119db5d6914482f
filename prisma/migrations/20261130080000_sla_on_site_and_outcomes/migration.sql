-- AlterTable
ALTER TABLE "Ticket" ADD COLUMN     "onSiteRequired" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "SlaPromise" ADD COLUMN     "notApplicableReason" TEXT;
