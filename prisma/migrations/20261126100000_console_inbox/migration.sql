-- The console's inbox: steps waiting for a role, soonest due first, escalated ones marked; and who
-- has claimed a step (one holder per case and stage).

-- AlterTable
ALTER TABLE "Case" ADD COLUMN "escalated" BOOLEAN NOT NULL DEFAULT false;

-- Cases saved before the column existed: their open step's escalation is in the saved view.
UPDATE "Case" SET "escalated" = true WHERE ("view" -> 'pending' ->> 'escalated') = 'true';

-- CreateTable
CREATE TABLE "StepClaim" (
    "caseId" TEXT NOT NULL,
    "stage" TEXT NOT NULL,
    "holderId" TEXT NOT NULL,
    "holderRole" TEXT NOT NULL,
    "claimedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "StepClaim_pkey" PRIMARY KEY ("caseId","stage")
);

-- CreateIndex
CREATE INDEX "Case_pendingRoles_idx" ON "Case" USING GIN ("pendingRoles");

-- CreateIndex
CREATE INDEX "Case_dueAt_idx" ON "Case"("dueAt");

-- CreateIndex
CREATE INDEX "StepClaim_holderId_idx" ON "StepClaim"("holderId");
