-- Complaint handling: severity, investigation deadline and finding, responsibility (歸屬), remedy, revisit.
ALTER TABLE "Ticket" ADD COLUMN "complaintSeverity" TEXT;
ALTER TABLE "Ticket" ADD COLUMN "complaintGradedAt" TIMESTAMP(3);
ALTER TABLE "Ticket" ADD COLUMN "investigationDueAt" TIMESTAMP(3);
ALTER TABLE "Ticket" ADD COLUMN "investigatedAt" TIMESTAMP(3);
ALTER TABLE "Ticket" ADD COLUMN "complaintFinding" TEXT;
ALTER TABLE "Ticket" ADD COLUMN "complaintResponsibility" TEXT;
ALTER TABLE "Ticket" ADD COLUMN "complaintRemedy" TEXT;
ALTER TABLE "Ticket" ADD COLUMN "remediedAt" TIMESTAMP(3);
ALTER TABLE "Ticket" ADD COLUMN "revisitOutcome" TEXT;
ALTER TABLE "Ticket" ADD COLUMN "revisitedAt" TIMESTAMP(3);
