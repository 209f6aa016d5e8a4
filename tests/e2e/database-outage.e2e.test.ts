// Fault test: the database refuses every connection while a loan check is being decided. The
// recording activity retries; when the database comes back the check completes, recorded once.
import { submitLoanCheck } from '../../client/loan-checks';
import { loanRequest } from '../support/loan-fixtures';
import { allowConnections } from '../support/test-db';
import { useE2E } from '../support/stack';
import { localActivityAttempts } from '../support/history-markers';

const e2e = useE2E('postgres');

const setConnections = (allowed: boolean) => allowConnections(e2e().db.url!, allowed);

test('a loan check survives the database being unreachable, and is recorded exactly once', async () => {
  await setConnections(false);
  const request = loanRequest({ requestId: 'outage-1' });
  const { workflowId, result } = await submitLoanCheck(e2e().env.client, request, { id: 'fault-test', role: 'bank' });
  await new Promise((r) => setTimeout(r, 3_000)); // several failed recording attempts
  await setConnections(true);
  const decided = await result;
  expect(decided).toMatchObject({ decision: 'approved', workflowId });
  expect(await e2e().db.prisma.loanCheck.count({ where: { requestId: 'outage-1' } })).toBe(1);
  expect(await e2e().db.prisma.auditEvent.count({ where: { caseId: workflowId } })).toBe(1);
  const history = await e2e().env.client.workflow.getHandle(workflowId).fetchHistory();
  expect(localActivityAttempts(history, 'recordLoanDecision')).toBeGreaterThan(1);
}, 120_000);
