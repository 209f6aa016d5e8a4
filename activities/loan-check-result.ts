// One shape for a recorded loan check, whether it was just written or read back from the
// database (where JSONB reorders keys): fields in the contract's order, so identical checks
// serialise to identical bytes.
import type { Prisma } from '../prisma/generated/client';
import type { MaLoanDecision } from '../policies/ma-loan/evaluate';
import type { LoanCheckMeta, MaLoanCheckResult } from '../workflows/ma-loan-definitions';

export function loanCheckResult(d: MaLoanDecision, meta: LoanCheckMeta): MaLoanCheckResult {
  const p = d.policy;
  return {
    mechanism: d.mechanism,
    decision: d.decision,
    asOf: d.asOf,
    policy: {
      id: p.id,
      version: p.version,
      title: p.title,
      effectiveFrom: p.effectiveFrom,
      effectiveTo: p.effectiveTo,
      confidence: p.confidence,
      sources: p.sources.map((s) => ({ title: s.title, issuer: s.issuer, date: s.date })),
      hash: p.hash,
    },
    checks: d.checks.map((c) => ({ id: c.id, passed: c.passed, limit: c.limit, actual: c.actual, message: c.message })),
    limits: {
      maxLoanRatio: d.limits.maxLoanRatio,
      maxLoanAmountCny: d.limits.maxLoanAmountCny,
      maxTermYears: d.limits.maxTermYears,
      minOwnFundsShare: d.limits.minOwnFundsShare,
    },
    jurisdiction: d.jurisdiction,
    selection: d.selection.map((s) => ({ policy: s.policy, applied: s.applied, reasons: s.reasons })),
    id: meta.id,
    workflowId: meta.workflowId,
    requestId: meta.requestId,
    bankId: meta.bankId,
    requestHash: meta.requestHash,
    recordedAt: meta.recordedAt,
  };
}

export interface LoanCheckRow {
  id: string;
  workflowId: string;
  requestId: string;
  bankId: string;
  requestHash: string;
  result: Prisma.JsonValue;
  createdAt: Date;
}

export function loanCheckResultFromRow(row: LoanCheckRow): MaLoanCheckResult {
  return loanCheckResult(row.result as unknown as MaLoanDecision, { ...row, recordedAt: row.createdAt.toISOString() });
}
