-- CreateTable
CREATE TABLE "CaseLink" (
    "reviewCaseId" TEXT NOT NULL,
    "linkedCaseId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CaseLink_pkey" PRIMARY KEY ("reviewCaseId","linkedCaseId")
);

-- CreateIndex
CREATE INDEX "CaseLink_linkedCaseId_idx" ON "CaseLink"("linkedCaseId");

