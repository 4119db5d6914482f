-- AlterTable
ALTER TABLE "Staff" ADD COLUMN     "failedSignIns" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "lockedUntil" TIMESTAMP(3),
ADD COLUMN     "mustChangePassword" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "passwordHash" TEXT,
ADD COLUMN     "shifts" JSONB NOT NULL DEFAULT '[]';

-- AlterTable
ALTER TABLE "Visit" ADD COLUMN     "confirmedAt" TIMESTAMP(3),
ADD COLUMN     "partsRequested" JSONB NOT NULL DEFAULT '[]',
ADD COLUMN     "partsUsed" JSONB NOT NULL DEFAULT '[]',
ADD COLUMN     "proposals" JSONB NOT NULL DEFAULT '[]',
ADD COLUMN     "quoteAcceptedAt" TIMESTAMP(3),
ADD COLUMN     "quoteAmount" INTEGER,
ADD COLUMN     "quoteCurrency" TEXT,
ADD COLUMN     "quoteSentAt" TIMESTAMP(3),
ADD COLUMN     "signOffName" TEXT,
ADD COLUMN     "signature" TEXT,
ADD COLUMN     "signedAt" TIMESTAMP(3),
ADD COLUMN     "status" TEXT NOT NULL DEFAULT 'scheduled',
ADD COLUMN     "warranty" TEXT NOT NULL DEFAULT 'unknown',
ADD COLUMN     "workDone" TEXT;

-- AlterTable
ALTER TABLE "AccessAudit" ADD COLUMN     "detail" JSONB,
ADD COLUMN     "reason" TEXT,
ADD COLUMN     "staffId" TEXT;

-- CreateTable
CREATE TABLE "StaffSession" (
    "id" TEXT NOT NULL,
    "staffId" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "ip" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "lastSeenAt" TIMESTAMP(3),
    "revokedAt" TIMESTAMP(3),
    "revokedBy" TEXT,

    CONSTRAINT "StaffSession_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SignInAttempt" (
    "id" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "ip" TEXT,
    "ok" BOOLEAN NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SignInAttempt_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ArchiveAccess" (
    "id" TEXT NOT NULL,
    "staffId" TEXT NOT NULL,
    "customerId" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "requestedAt" TIMESTAMP(3) NOT NULL,
    "decidedBy" TEXT,
    "decidedAt" TIMESTAMP(3),
    "expiresAt" TIMESTAMP(3),

    CONSTRAINT "ArchiveAccess_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "StaffSession_tokenHash_key" ON "StaffSession"("tokenHash");

-- CreateIndex
CREATE INDEX "StaffSession_staffId_idx" ON "StaffSession"("staffId");

-- CreateIndex
CREATE INDEX "SignInAttempt_ip_at_idx" ON "SignInAttempt"("ip", "at");

-- CreateIndex
CREATE INDEX "SignInAttempt_email_at_idx" ON "SignInAttempt"("email", "at");

-- CreateIndex
CREATE INDEX "ArchiveAccess_staffId_customerId_idx" ON "ArchiveAccess"("staffId", "customerId");

-- CreateIndex
CREATE INDEX "ArchiveAccess_status_requestedAt_idx" ON "ArchiveAccess"("status", "requestedAt");

-- CreateIndex
CREATE INDEX "AccessAudit_staffId_at_idx" ON "AccessAudit"("staffId", "at");

-- CreateIndex
CREATE INDEX "AccessAudit_action_at_idx" ON "AccessAudit"("action", "at");

-- CreateIndex
CREATE INDEX "AccessAudit_at_idx" ON "AccessAudit"("at");

-- AddForeignKey
ALTER TABLE "StaffSession" ADD CONSTRAINT "StaffSession_staffId_fkey" FOREIGN KEY ("staffId") REFERENCES "Staff"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- The access audit is append-only: rows are written, never changed or removed (README, Staff console).
CREATE OR REPLACE FUNCTION "access_audit_append_only"() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'AccessAudit is append-only';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "AccessAudit_append_only" BEFORE UPDATE OR DELETE ON "AccessAudit"
  FOR EACH ROW EXECUTE FUNCTION "access_audit_append_only"();
