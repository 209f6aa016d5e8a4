// What-if through the API and the CLI: 2024 loan checks rejected at 60 % are re-evaluated under
// the 80 % pilot; exactly the flips expected are reported, and nothing is written.
import { loanRequest } from '../support/loan-fixtures';
import { KEYS, useE2E } from '../support/stack';
import { cli } from '../support/cli';

const e2e = useE2E('pglite');

const seeds = [
  loanRequest({ requestId: 'wi-1', asOf: '2024-05-01', loan: { amountCny: 70_000_000 } }),
  loanRequest({ requestId: 'wi-2', asOf: '2024-08-01', loan: { amountCny: 70_000_000 } }),
  loanRequest({ requestId: 'wi-3', asOf: '2024-09-01', acquirer: { city: '兰州' }, loan: { amountCny: 70_000_000 } }),
  loanRequest({ requestId: 'wi-4', asOf: '2024-10-01', loan: { amountCny: 50_000_000 } }),
  loanRequest({ requestId: 'wi-5', asOf: '2024-11-01', loan: { amountCny: 85_000_000 } }),
  loanRequest({ requestId: 'wi-6', asOf: '2025-06-01', loan: { amountCny: 70_000_000 } }),
];

beforeAll(async () => {
  for (const s of seeds) expect((await e2e().call('POST', '/v1/loan-checks', KEYS.bank, s)).status).toBe(200);
}, 120_000);

test('2024 checks rejected at 60 % that would pass at 80 %, counted by jurisdiction', async () => {
  const before = await e2e().db.prisma.loanCheck.count();
  const res = await e2e().call('POST', '/v1/audit/what-if', KEYS.auditor, {
    mechanism: 'ma-loan',
    policy: 'cn-tech-ma-pilot@2025.1',
    since: '2024-01-01',
    until: '2025-01-01',
  });
  expect(res.status).toBe(200);
  expect(res.body).toMatchObject({ mechanism: 'ma-loan', policy: 'cn-tech-ma-pilot@2025.1', considered: 5 });
  expect(res.body.changed.map((c: { id: string }) => c.id).sort()).toEqual([
    'ma-loan/cq-bank/wi-1',
    'ma-loan/cq-bank/wi-2',
    'ma-loan/cq-bank/wi-3',
  ]);
  expect(res.body.counts).toEqual({ 'chongqing: rejected → approved': 2, 'lanzhou: rejected → approved': 1 });
  expect(res.body.changed[0].recorded).toEqual({ decision: 'rejected', policy: 'cn-ma-loan-guideline-2015@2015.1' });
  expect(await e2e().db.prisma.loanCheck.count()).toBe(before);

  const tighter = await e2e().call('POST', '/v1/audit/what-if', KEYS.auditor, {
    mechanism: 'ma-loan',
    policy: 'cn-ma-loan-measures-2025@2026.1',
    jurisdiction: 'chongqing',
    since: '2025-01-01',
  });
  // wi-6 (2025, 70 % under the pilot) stays approved under the 70 % measures: considered, not changed.
  expect(tighter.body).toMatchObject({ considered: 1, changed: [], counts: {} });
});

test('bad requests name their field; banks may not run it', async () => {
  const wrong = await e2e().call('POST', '/v1/audit/what-if', KEYS.auditor, {
    mechanism: 'ma-loan',
    policy: 'cn-rights-grant-pilot-2020@2020.1',
  });
  expect(wrong).toMatchObject({ status: 400, body: { issues: [{ path: 'policy' }] } });
  expect(
    (await e2e().call('POST', '/v1/audit/what-if', KEYS.auditor, { mechanism: 'ma-loan', policy: 'nope@1' })).status,
  ).toBe(400);
  expect(
    (
      await e2e().call('POST', '/v1/audit/what-if', KEYS.bank, {
        mechanism: 'ma-loan',
        policy: 'cn-tech-ma-pilot@2025.1',
      })
    ).status,
  ).toBe(403);
});

test('the CLI prints the same as a table and as CSV', async () => {
  const api = { TRANSFERFLOW_API_URL: e2e().stack.apiUrl, TRANSFERFLOW_API_KEY: KEYS.auditor };
  const table = await cli(
    [
      'audit',
      'what-if',
      '--mechanism',
      'ma-loan',
      '--policy',
      'cn-tech-ma-pilot@2025.1',
      '--since',
      '2024-01-01',
      '--until',
      '2025-01-01',
    ],
    api,
  );
  expect(table.code).toBe(0);
  expect(table.stdout).toMatch(/^3 of 5 ma-loan decisions would change under cn-tech-ma-pilot@2025\.1/);
  const csv = await cli(
    [
      'audit',
      'what-if',
      '--mechanism',
      'ma-loan',
      '--policy',
      'cn-tech-ma-pilot@2025.1',
      '--until',
      '2025-01-01',
      '--csv',
    ],
    api,
  );
  const lines = csv.stdout.trim().split('\n');
  expect(lines[0]).toBe('id,asOf,jurisdiction,recorded,recordedPolicy,wouldBe,failingChecks');
  expect(lines).toHaveLength(4);
  expect(lines[1]).toBe(
    'ma-loan/cq-bank/wi-1,2024-05-01,chongqing,rejected,cn-ma-loan-guideline-2015@2015.1,approved,',
  );
});
