-- The console's reports (client/console/reports/): a date range over one kind's cases, over loan
-- checks, and money received grouped by the day it was received.

-- CreateIndex
CREATE INDEX "LoanCheck_createdAt_idx" ON "LoanCheck"("createdAt");

-- CreateIndex
CREATE INDEX "Case_kind_createdAt_idx" ON "Case"("kind", "createdAt");

-- CreateIndex
CREATE INDEX "LicenceLedgerEntry_kind_on_idx" ON "LicenceLedgerEntry"("kind", "on");
