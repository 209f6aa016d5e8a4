-- CreateTable
CREATE TABLE "Case" (
    "id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "workflowId" TEXT NOT NULL,
    "stage" TEXT NOT NULL,
    "pendingRoles" TEXT[],
    "dueAt" TIMESTAMP(3),
    "jurisdiction" TEXT,
    "policyId" TEXT NOT NULL,
    "policyVersion" TEXT NOT NULL,
    "policyHash" TEXT NOT NULL,
    "eligibility" TEXT NOT NULL,
    "requestHash" TEXT NOT NULL,
    "input" JSONB NOT NULL,
    "view" JSONB NOT NULL,
    "openedBy" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Case_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LedgerEntry" (
    "caseId" TEXT NOT NULL,
    "unitName" TEXT NOT NULL,
    "resultTitle" TEXT NOT NULL,
    "resultKind" TEXT NOT NULL,
    "form" TEXT NOT NULL,
    "teamShare" TEXT,
    "ltuYears" DOUBLE PRECISION,
    "agreementReference" TEXT NOT NULL,
    "registeredAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "LedgerEntry_pkey" PRIMARY KEY ("caseId")
);

-- CreateIndex
CREATE UNIQUE INDEX "Case_workflowId_key" ON "Case"("workflowId");

-- CreateIndex
CREATE INDEX "Case_kind_stage_idx" ON "Case"("kind", "stage");

