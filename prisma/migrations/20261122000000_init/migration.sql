-- CreateTable
CREATE TABLE "LoanCheck" (
    "id" TEXT NOT NULL,
    "workflowId" TEXT NOT NULL,
    "bankId" TEXT NOT NULL,
    "requestId" TEXT NOT NULL,
    "requestHash" TEXT NOT NULL,
    "asOf" TEXT NOT NULL,
    "policyId" TEXT NOT NULL,
    "policyVersion" TEXT NOT NULL,
    "policyHash" TEXT NOT NULL,
    "decision" TEXT NOT NULL,
    "jurisdiction" TEXT NOT NULL,
    "request" JSONB NOT NULL,
    "result" JSONB NOT NULL,
    "submittedBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LoanCheck_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditEvent" (
    "seq" BIGSERIAL NOT NULL,
    "eventKey" TEXT NOT NULL,
    "caseId" TEXT NOT NULL,
    "caseKind" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "actorId" TEXT NOT NULL,
    "actorRole" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "payloadHash" TEXT NOT NULL,
    "payload" JSONB NOT NULL,

    CONSTRAINT "AuditEvent_pkey" PRIMARY KEY ("seq")
);

-- CreateIndex
CREATE UNIQUE INDEX "LoanCheck_workflowId_key" ON "LoanCheck"("workflowId");

-- CreateIndex
CREATE INDEX "LoanCheck_asOf_idx" ON "LoanCheck"("asOf");

-- CreateIndex
CREATE INDEX "LoanCheck_policyId_policyVersion_idx" ON "LoanCheck"("policyId", "policyVersion");

-- CreateIndex
CREATE UNIQUE INDEX "LoanCheck_bankId_requestId_key" ON "LoanCheck"("bankId", "requestId");

-- CreateIndex
CREATE UNIQUE INDEX "AuditEvent_eventKey_key" ON "AuditEvent"("eventKey");

-- CreateIndex
CREATE INDEX "AuditEvent_caseId_idx" ON "AuditEvent"("caseId");


-- The audit log is append-only: auditors rely on no entry ever changing or disappearing.
CREATE FUNCTION "audit_event_append_only"() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'AuditEvent is append-only: % refused', TG_OP;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "AuditEvent_append_only"
  BEFORE UPDATE OR DELETE ON "AuditEvent"
  FOR EACH ROW EXECUTE FUNCTION "audit_event_append_only"();
