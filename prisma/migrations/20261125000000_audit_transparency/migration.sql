-- The audit log as a transparency log: Merkle leaves in sequence order and signed tree heads.
-- Entries themselves are appended without any lock; see activities/audit-sequencer.ts.

-- CreateTable
CREATE TABLE "AuditLeaf" (
    "leafIndex" BIGINT NOT NULL,
    "eventSeq" BIGINT NOT NULL,
    "leafHash" TEXT NOT NULL,

    CONSTRAINT "AuditLeaf_pkey" PRIMARY KEY ("leafIndex")
);

-- CreateTable
CREATE TABLE "AuditTreeHead" (
    "treeSize" BIGINT NOT NULL,
    "rootHash" TEXT NOT NULL,
    "timestamp" TIMESTAMP(3) NOT NULL,
    "keyId" TEXT NOT NULL,
    "signature" TEXT NOT NULL,

    CONSTRAINT "AuditTreeHead_pkey" PRIMARY KEY ("treeSize")
);

-- CreateIndex
CREATE UNIQUE INDEX "AuditLeaf_eventSeq_key" ON "AuditLeaf"("eventSeq");

-- Both are append-only like the log itself.
CREATE FUNCTION "audit_append_only"() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "AuditLeaf_append_only"
  BEFORE UPDATE OR DELETE ON "AuditLeaf"
  FOR EACH ROW EXECUTE FUNCTION "audit_append_only"();

CREATE TRIGGER "AuditTreeHead_append_only"
  BEFORE UPDATE OR DELETE ON "AuditTreeHead"
  FOR EACH ROW EXECUTE FUNCTION "audit_append_only"();
