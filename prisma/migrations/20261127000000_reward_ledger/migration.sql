-- CreateTable
CREATE TABLE "RewardLedgerEntry" (
    "seq" BIGSERIAL NOT NULL,
    "entryKey" TEXT NOT NULL,
    "caseId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "personId" TEXT,
    "amountCny" DECIMAL(18,2),
    "shares" BIGINT,
    "reference" TEXT,
    "on" TEXT NOT NULL,
    "actorId" TEXT NOT NULL,
    "recordedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RewardLedgerEntry_pkey" PRIMARY KEY ("seq")
);

-- CreateIndex
CREATE UNIQUE INDEX "RewardLedgerEntry_entryKey_key" ON "RewardLedgerEntry"("entryKey");

-- CreateIndex
CREATE INDEX "RewardLedgerEntry_caseId_kind_idx" ON "RewardLedgerEntry"("caseId", "kind");

-- A reward paid is never edited or removed: a correction is a new entry.
CREATE FUNCTION "reward_ledger_append_only"() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'RewardLedgerEntry is append-only: % refused', TG_OP;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "RewardLedgerEntry_append_only"
  BEFORE UPDATE OR DELETE ON "RewardLedgerEntry"
  FOR EACH ROW EXECUTE FUNCTION "reward_ledger_append_only"();
