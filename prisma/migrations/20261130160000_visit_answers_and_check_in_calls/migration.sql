-- The customer's answers to visit proposals and quotes, read by the bot.
ALTER TABLE "Visit" ADD COLUMN "quoteRefusedAt" TIMESTAMP(3);
ALTER TABLE "Visit" ADD COLUMN "proposalsDeclinedAt" TIMESTAMP(3);

-- Automated check-in calls (quarterly contact by IVR) and the answer they got.
ALTER TABLE "FollowUp" ADD COLUMN "outcome" TEXT;
ALTER TABLE "FollowUp" ADD COLUMN "callSid" TEXT;
CREATE UNIQUE INDEX "FollowUp_callSid_key" ON "FollowUp"("callSid");
