// maLoanCheck on the time-skipping test server, with its real activities writing to PGlite.
import { contentHash } from '../../policies/canonical-json';
import {
  MA_LOAN_WORKFLOW,
  maLoanWorkflowId,
  type MaLoanCheckInput,
  type MaLoanCheckResult,
} from '../../workflows/ma-loan-definitions';
import { useTimeSkippingWorker } from '../support/time-skipping-worker';
import { loanRequest } from '../support/loan-fixtures';
import { chinaDate } from '../../policies/dates';
import type { MaLoanInput } from '../../policies/ma-loan/input-schema';

const tsw = useTimeSkippingWorker('wf-test');
function run(request: MaLoanInput): Promise<MaLoanCheckResult> {
  const input: MaLoanCheckInput = {
    request,
    requestHash: contentHash(request),
    submittedBy: { id: 'bank-key-1', role: 'bank' },
  };
  return tsw().env.client.workflow.execute(MA_LOAN_WORKFLOW, {
    taskQueue: 'wf-test',
    workflowId: maLoanWorkflowId(request.bank.id, request.requestId),
    args: [input],
  });
}

test('a pilot loan at 80 % is approved, recorded once with its audit event', async () => {
  const request = loanRequest({ requestId: 'wf-1', loan: { amountCny: 80_000_000, termYears: 10 } });
  const result = await run(request);
  expect(result).toMatchObject({
    decision: 'approved',
    asOf: '2025-06-01',
    workflowId: 'ma-loan/cq-bank/wf-1',
    requestId: 'wf-1',
  });
  expect(result.policy).toMatchObject({ id: 'cn-tech-ma-pilot', version: '2025.1' });
  const row = await tsw().db.prisma.loanCheck.findUniqueOrThrow({ where: { workflowId: 'ma-loan/cq-bank/wf-1' } });
  expect(row).toMatchObject({
    decision: 'approved',
    policyId: 'cn-tech-ma-pilot',
    policyVersion: '2025.1',
    policyHash: result.policy.hash,
    submittedBy: 'bank-key-1',
  });
  const events = await tsw().db.prisma.auditEvent.findMany({ where: { caseId: 'ma-loan/cq-bank/wf-1' } });
  expect(events).toHaveLength(1);
  expect(events[0]).toMatchObject({ action: 'ma-loan.decided', actorId: 'bank-key-1', actorRole: 'bank' });
});

test('the same loan one cent over 80 % is rejected, naming the limit', async () => {
  const request = loanRequest({ requestId: 'wf-2', loan: { amountCny: 80_000_000.01 } });
  const result = await run(request);
  expect(result.decision).toBe('rejected');
  expect(result.checks.find((c) => c.id === 'loan-ratio')).toMatchObject({ passed: false, limit: 0.8 });
  expect(result.limits.maxLoanAmountCny).toBe(80_000_000);
});

test('without asOf the decision date is the workflow start date in China', async () => {
  const request = loanRequest({ requestId: 'wf-3' });
  delete (request as { asOf?: string }).asOf;
  // The test server keeps its own (skippable) clock: compare with it, not with this machine's.
  const before = chinaDate(await tsw().env.currentTimeMs());
  const result = await run(request);
  const after = chinaDate(await tsw().env.currentTimeMs());
  expect([before, after]).toContain(result.asOf);
});

test('a second run of the same business key (after the first was deleted from Temporal) returns the first record', async () => {
  const request = loanRequest({ requestId: 'wf-4' });
  const first = await run(request);
  // A different workflow id, same business key: only the database can dedupe this one.
  const again = await tsw().env.client.workflow.execute(MA_LOAN_WORKFLOW, {
    taskQueue: 'wf-test',
    workflowId: 'ma-loan/cq-bank/wf-4#rerun',
    args: [
      { request: { ...request, asOf: '2026-06-01' }, requestHash: 'other', submittedBy: { id: 'x', role: 'bank' } },
    ],
  });
  expect(again.asOf).toBe(first.asOf);
  expect(again.requestHash).toBe(first.requestHash);
  expect(await tsw().db.prisma.loanCheck.count({ where: { requestId: 'wf-4' } })).toBe(1);
  expect(await tsw().db.prisma.auditEvent.count({ where: { caseId: 'ma-loan/cq-bank/wf-4' } })).toBe(1);
});
