-- Retention: when the personal data of a ticket, and of a customer, was anonymised.
ALTER TABLE "Ticket" ADD COLUMN "anonymisedAt" TIMESTAMP(3);
ALTER TABLE "Customer" ADD COLUMN "anonymisedAt" TIMESTAMP(3);
CREATE INDEX "Ticket_closedAt_idx" ON "Ticket"("closedAt");
