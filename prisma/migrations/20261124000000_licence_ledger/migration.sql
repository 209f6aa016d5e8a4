-- AlterTable
ALTER TABLE "Case" ADD COLUMN     "nextPaymentCny" DECIMAL(18,2),
ADD COLUMN     "nextPaymentOn" TEXT;

-- CreateTable
CREATE TABLE "LicenceLedgerEntry" (
    "seq" BIGSERIAL NOT NULL,
    "entryKey" TEXT NOT NULL,
    "caseId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "itemNo" INTEGER,
    "amountCny" DECIMAL(18,2) NOT NULL,
    "reference" TEXT,
    "payer" TEXT,
    "on" TEXT NOT NULL,
    "actorId" TEXT NOT NULL,
    "recordedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LicenceLedgerEntry_pkey" PRIMARY KEY ("seq")
);

-- CreateIndex
CREATE UNIQUE INDEX "LicenceLedgerEntry_entryKey_key" ON "LicenceLedgerEntry"("entryKey");

-- CreateIndex
CREATE INDEX "LicenceLedgerEntry_caseId_kind_idx" ON "LicenceLedgerEntry"("caseId", "kind");


-- Money is never edited or removed: a correction is a new entry.
CREATE FUNCTION "licence_ledger_append_only"() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'LicenceLedgerEntry is append-only: % refused', TG_OP;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "LicenceLedgerEntry_append_only"
  BEFORE UPDATE OR DELETE ON "LicenceLedgerEntry"
  FOR EACH ROW EXECUTE FUNCTION "licence_ledger_append_only"();
