-- CreateTable
CREATE TABLE "CaseClaim" (
    "caseId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "requestHash" TEXT NOT NULL,
    "claimedBy" TEXT NOT NULL,
    "claimedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CaseClaim_pkey" PRIMARY KEY ("caseId")
);

-- Cases launched before claims existed hold their ids already.
INSERT INTO "CaseClaim" ("caseId", "kind", "requestHash", "claimedBy", "claimedAt")
SELECT "id", "kind", "requestHash", "openedBy", "createdAt" FROM "Case"
ON CONFLICT DO NOTHING;
