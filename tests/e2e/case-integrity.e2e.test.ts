// Case ids across kinds, on the running stack (Temporal dev server, PGlite, worker, API): launches
// of one case id fired together — under two kinds, or one kind with two requests — give one case
// and 409s, and only one workflow ever starts; the same launch fired together gives one case.
// Then decisions and records reconcile: orphans both ways are found by the API, the CLI and replay.
import { WorkflowNotFoundError } from '@temporalio/client';
import { EXAMPLE_RIGHTS_GRANT } from '../../policies/rights-grant/example-request';
import { chinaDate } from '../../policies/dates';
import { rightsGrantWorkflowId } from '../../workflows/rights-grant-definitions';
import { licenceWorkflowId } from '../../workflows/deferred-licence-definitions';
import { licenceFixture } from '../support/licence-driver';
import { loanRequest } from '../support/loan-fixtures';
import { cli } from '../support/cli';
import { KEYS, useE2E } from '../support/stack';

const e2e = useE2E('pglite');
const lic = licenceFixture({ effectiveOn: chinaDate(Date.now()) });
const licence = (caseId: string) => ({
  caseId,
  ...lic.request,
  payment: lic.payment,
  guarantee: lic.guarantee,
});
const grant = (caseId: string, years?: number) => ({
  caseId,
  ...EXAMPLE_RIGHTS_GRANT,
  ...(years ? { grant: { form: 'long-term-use', years } } : {}),
});

/** Whether Temporal holds a workflow under this id. */
async function started(workflowId: string): Promise<boolean> {
  try {
    await e2e().env.client.workflow.getHandle(workflowId).describe();
    return true;
  } catch (error) {
    if (error instanceof WorkflowNotFoundError) return false;
    throw error;
  }
}

test('one case id launched concurrently as a rights grant and as a licence: one case, one kind, the rest 409', async () => {
  const id = 'shared-across-kinds';
  const answers = await Promise.all(
    [0, 1, 2].flatMap(() => [
      e2e().call('POST', '/v1/cases/rights-grant', KEYS.tto, grant(id)),
      e2e().call('POST', '/v1/cases/deferred-licence', KEYS.tto, licence(id)),
    ]),
  );
  const byKind = (i: number) => (i % 2 === 0 ? 'rights-grant' : 'deferred-licence');
  const winners = new Set(answers.flatMap((a, i) => (a.status < 300 ? [byKind(i)] : [])));
  expect(winners.size).toBe(1);
  const [winner] = winners;
  expect(answers.filter((a) => a.status === 201)).toHaveLength(1);
  answers.forEach((a, i) => {
    if (byKind(i) === winner) expect([200, 201]).toContain(a.status);
    else expect(a).toMatchObject({ status: 409, body: { error: 'case-exists' } });
  });
  const loser = winner === 'rights-grant' ? 'deferred-licence' : 'rights-grant';
  expect(answers.find((a, i) => byKind(i) === loser)!.body.message).toMatch(new RegExp(`is a ${winner} case`));
  // Only the winner's workflow exists: the loser never started one to write the row.
  expect(await started(rightsGrantWorkflowId(id))).toBe(winner === 'rights-grant');
  expect(await started(licenceWorkflowId(id))).toBe(winner === 'deferred-licence');
  const row = await e2e().db.prisma.caseClaim.findUnique({ where: { caseId: id } });
  expect(row).toMatchObject({ kind: winner, claimedBy: 'tto-1' });
  const read = await e2e().call('GET', `/v1/cases/${id}`, KEYS.tto);
  expect(read).toMatchObject({ status: 200, body: { kind: winner } });
});

test('one case id launched concurrently with two different requests of one kind: one case, one 409', async () => {
  const id = 'shared-one-kind';
  const [a, b] = await Promise.all([
    e2e().call('POST', '/v1/cases/rights-grant', KEYS.tto, grant(id)),
    e2e().call('POST', '/v1/cases/rights-grant', KEYS.tto, grant(id, 12)),
  ]);
  expect([a.status, b.status].sort()).toEqual([201, 409]);
  const [won, lost] = a.status === 201 ? [a, b] : [b, a];
  expect(lost.body).toMatchObject({ error: 'case-exists', message: expect.stringMatching(/different request/) });
  const view = await e2e().call('GET', `/v1/cases/${id}`, KEYS.tto);
  expect(view.body.workflowId).toBe(won.body.workflowId);
  // The winner's request is the case's: relaunching the loser's body is still refused, the winner's joins it.
  const winnerYears = won === a ? undefined : 12;
  expect((await e2e().call('POST', '/v1/cases/rights-grant', KEYS.tto, grant(id, winnerYears))).status).toBe(200);
  expect(
    (await e2e().call('POST', '/v1/cases/rights-grant', KEYS.tto, grant(id, winnerYears ? undefined : 12))).status,
  ).toBe(409);
});

test('the same launch fired concurrently is one case: one 201, the others 200 with the same workflow', async () => {
  const id = 'same-launch-thrice';
  const answers = await Promise.all(
    [0, 1, 2].map(() => e2e().call('POST', '/v1/cases/deferred-licence', KEYS.tto, licence(id))),
  );
  expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 201]);
  expect(new Set(answers.map((a) => a.body.workflowId))).toEqual(new Set([licenceWorkflowId(id)]));
});

describe('decisions and records reconcile', () => {
  const reconcile = (body: unknown = {}) => e2e().call('POST', '/v1/audit/reconcile', KEYS.auditor, body);
  const check = async (requestId: string) => {
    const res = await e2e().call('POST', '/v1/loan-checks', KEYS.bank, loanRequest({ requestId }));
    expect(res.status).toBe(200);
    return res.body.workflowId as string;
  };
  const cliEnv = () => ({
    TRANSFERFLOW_API_URL: e2e().stack.apiUrl,
    TRANSFERFLOW_API_KEY: KEYS.auditor,
    TEMPORAL_ADDRESS: e2e().env.address,
    DATABASE_URL: '',
  });

  test('every decision has its record and every record its workflow: reconciled, exit 0', async () => {
    await check('rec-ok-1');
    await check('rec-ok-2');
    const report = await reconcile();
    expect(report).toMatchObject({
      status: 200,
      body: { reconciled: true, workflowsWithoutRecord: [], recordsWithoutWorkflow: [] },
    });
    // The two loan checks and the cases launched above.
    expect(report.body.workflowsChecked).toBeGreaterThanOrEqual(4);
    expect(report.body.recordsChecked).toBe(report.body.workflowsChecked);
    const run = await cli(['audit', 'reconcile'], cliEnv());
    expect(run).toMatchObject({
      code: 0,
      stdout: expect.stringMatching(/every decision has its record and every record its workflow/),
    });
    expect((await e2e().call('POST', '/v1/audit/reconcile', KEYS.tto, {})).status).toBe(403);
  });

  test('a lost record, an edited decision and a record without a workflow are orphans: listed both ways, exit 1', async () => {
    const lost = await check('rec-lost');
    const edited = await check('rec-edited');
    const fine = await check('rec-fine');
    const prisma = e2e().db.prisma;
    const ghost = await prisma.loanCheck.findUniqueOrThrow({ where: { workflowId: edited } });
    await prisma.loanCheck.delete({ where: { workflowId: lost } });
    await prisma.loanCheck.update({ where: { workflowId: edited }, data: { decision: 'rejected' } });
    await prisma.loanCheck.create({
      data: {
        ...ghost,
        id: 'ghost',
        workflowId: 'ma-loan/cq-bank/ghost',
        requestId: 'ghost',
        request: ghost.request as object,
        result: ghost.result as object,
      },
    });
    const { body } = await reconcile();
    expect(body.reconciled).toBe(false);
    expect(body.workflowsWithoutRecord).toEqual(
      expect.arrayContaining([
        { workflowId: lost, kind: 'LoanCheck', problem: 'the workflow decided approved; no LoanCheck record' },
        { workflowId: edited, kind: 'LoanCheck', problem: 'the workflow decided approved; the record says rejected' },
      ]),
    );
    expect(body.workflowsWithoutRecord).toHaveLength(2);
    expect(body.recordsWithoutWorkflow).toEqual([
      {
        workflowId: 'ma-loan/cq-bank/ghost',
        kind: 'LoanCheck',
        problem: 'no workflow ma-loan/cq-bank/ghost in Temporal',
      },
    ]);

    const run = await cli(['audit', 'reconcile'], cliEnv());
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/3 ORPHANS/);
    expect(run.stdout).toMatch(/record without workflow +ma-loan\/cq-bank\/ghost/);

    // `audit replay` replays the lost check's history fine, but its decision has no record: it fails.
    const replay = await cli(['audit', 'replay', lost, fine], cliEnv());
    expect(replay.code).toBe(1);
    expect(replay.stdout).toMatch(new RegExp(`NO RECORD +${lost}`));
    expect(replay.stdout).toMatch(/\n1 verified, 1 failed\n/);
    // A key that may not reconcile: the replay stands, and says its records were not checked.
    const unchecked = await cli(['audit', 'replay', fine], { ...cliEnv(), TRANSFERFLOW_API_KEY: KEYS.tto });
    expect(unchecked.code).toBe(0);
    expect(unchecked.stderr).toMatch(/decisions NOT checked against their database records: the API answered 403/);
  }, 180_000); // three CLI processes, one of them bundling the workflows to replay
});
