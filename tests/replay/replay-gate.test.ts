// The replay gate: every committed history must still replay deterministically against this
// code AND every recorded decision must re-derive identically from its recorded pack.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { bundleWorkflowCode, DefaultLogger, Worker } from '@temporalio/worker';
import { verifyHistories } from '../../client/audit/verify';
import { rederiveMaLoan } from '../../client/audit/rederive-ma-loan';
import { rederiveRightsGrant } from '../../client/audit/rederive-rights-grant';
import { rederiveDeferredLicence } from '../../client/audit/rederive-deferred-licence';
import { rederiveDiligenceExemption } from '../../client/audit/rederive-diligence-exemption';
import { rederiveReward } from '../../client/audit/rederive-reward';
import { localActivityResult, workflowType, type HistoryJson } from '../../client/audit/history';
import type { ResolvedPolicy } from '../../activities/resolve-policy';
import { getPack } from '../../policies/registry';
import type { PolicyPack } from '../../policies/types';

const DIR = path.join(__dirname, 'histories');
const files = readdirSync(DIR)
  .filter((f) => f.endsWith('.json'))
  .sort();
const load = (f: string) => JSON.parse(readFileSync(path.join(DIR, f), 'utf8')) as HistoryJson;
const items = files.map((f) => ({ name: f, workflowId: f, history: load(f) }));
const maLoanFiles = files.filter((f) => workflowType(load(f)) === 'maLoanCheck');

test('the gate has histories for every ma-loan pack, for rights grants, licences, exemption reviews and rewards', () => {
  expect(maLoanFiles.length).toBeGreaterThanOrEqual(6);
  expect(files.filter((f) => workflowType(load(f)) === 'rightsGrant').length).toBeGreaterThanOrEqual(3);
  expect(files.filter((f) => workflowType(load(f)) === 'deferredLicence').length).toBeGreaterThanOrEqual(6);
  expect(files.filter((f) => workflowType(load(f)) === 'diligenceExemption').length).toBeGreaterThanOrEqual(2);
  expect(files.filter((f) => workflowType(load(f)) === 'transformationReward').length).toBeGreaterThanOrEqual(4);
  const packs = new Set(maLoanFiles.map((f) => rederiveMaLoan(load(f)).policy));
  expect([...packs].sort()).toEqual([
    'cn-ma-loan-guideline-2015@2015.1',
    'cn-ma-loan-measures-2025@2026.1',
    'cn-tech-ma-pilot@2025.1',
    'cn-tech-ma-pilot@2026.1',
  ]);
});

test('every committed history replays deterministically and re-derives its decision', async () => {
  const verdicts = await verifyHistories(items);
  expect(
    verdicts.map((v) => ({ name: v.name, deterministic: v.deterministic, problems: v.rederivation?.problems })),
  ).toEqual(files.map((name) => ({ name, deterministic: true, problems: [] })));
  expect(verdicts.every((v) => v.verified)).toBe(true);
});

test('a changed threshold is caught by re-derivation (a replay compares commands only, which stay the same)', async () => {
  const history = load('ma-loan-pilot-approved.json');
  const lowered = (ref: { id: string; version: string }): PolicyPack => {
    const pack = JSON.parse(JSON.stringify(getPack(ref))) as PolicyPack;
    (pack.parameters as { dealTypes: { control: { maxLoanRatio: string } } }).dealTypes.control.maxLoanRatio = '0.79';
    return pack;
  };
  const result = rederiveMaLoan(history, lowered);
  expect(result.problems).toEqual(
    expect.arrayContaining([
      expect.stringMatching(/^policy pack cn-tech-ma-pilot@2025\.1 changed since it decided/),
      'decision differs at decision: recorded "approved", re-derived "rejected"',
      'decision differs at checks.0.passed: recorded true, re-derived false',
    ]),
  );
});

test('a history whose recorded decision was edited is caught', () => {
  const history = load('ma-loan-pilot-one-cent-over.json');
  const marker = history.events
    .map((e) => e.markerRecordedEventAttributes)
    .find(
      (m) =>
        m && Buffer.from(m.details.data.payloads[0].data, 'base64').toString('utf8').includes('"recordLoanDecision"'),
    );
  const payload = marker.details.result.payloads[0];
  const recorded = JSON.parse(Buffer.from(payload.data, 'base64').toString('utf8'));
  recorded.decision = 'approved';
  payload.data = Buffer.from(JSON.stringify(recorded)).toString('base64');
  expect(rederiveMaLoan(history).problems).toContain(
    'decision differs at decision: recorded "approved", re-derived "rejected"',
  );
});

test('a start that carried its pack but whose first task ran on a worker from before that change still replays', async () => {
  // The input gained `resolved` (the pack chosen at submission); the worker then still chose by
  // local activity and recorded no patch marker. patched() must send the replay down that path.
  const history = load('ma-loan-pilot-approved.json');
  const started = history.events[0].workflowExecutionStartedEventAttributes.input.payloads[0];
  const input = JSON.parse(Buffer.from(started.data, 'base64').toString('utf8'));
  const resolved = localActivityResult<ResolvedPolicy>(history, 'resolveMaLoanPolicy')!;
  input.resolved = { asOf: input.request.asOf, ...resolved };
  started.data = Buffer.from(JSON.stringify(input)).toString('base64');
  const [verdict] = await verifyHistories([{ name: 'carried', workflowId: 'carried', history }]);
  expect({ deterministic: verdict.deterministic, problems: verdict.rederivation?.problems }).toEqual({
    deterministic: true,
    problems: [],
  });
  expect(maLoanFiles.filter((f) => f.startsWith('ma-loan-pack-at-submission-'))).toHaveLength(2);
}, 60_000);

test('a workflow edit that changes the commands fails the gate', async () => {
  const workflowBundle = await bundleWorkflowCode({
    workflowsPath: path.join(__dirname, 'fixtures', 'reordered-ma-loan-check.ts'),
    logger: new DefaultLogger('ERROR'),
  });
  await expect(
    Worker.runReplayHistory(
      { workflowBundle },
      historyFromJSON(load('ma-loan-pilot-approved.json')),
      'ma-loan-pilot-approved',
    ),
  ).rejects.toThrow(/[Nn]ondetermin/);
}, 60_000);

test('a rights-grant history whose recorded eligibility was edited is caught', () => {
  const history = load('rights-grant-department-rejects.json');
  const completed = history.events[history.events.length - 1].workflowExecutionCompletedEventAttributes;
  const payload = completed.result.payloads[0];
  const view = JSON.parse(Buffer.from(payload.data, 'base64').toString('utf8'));
  view.eligibility.checks[0].passed = false;
  payload.data = Buffer.from(JSON.stringify(view)).toString('base64');
  expect(rederiveRightsGrant(history).problems).toContain(
    'eligibility differs at checks.0.passed: recorded false, re-derived true',
  );
});

test('a licence history whose money was edited is caught: an instalment amount, and a payment the ledger does not add up to', () => {
  const history = load('deferred-licence-catch-up-run1.json');
  expect(rederiveDeferredLicence(history).problems).toEqual([]);
  const attrs = history.events[history.events.length - 1].workflowExecutionContinuedAsNewEventAttributes;
  const payload = attrs.input.payloads[0];
  const input = JSON.parse(Buffer.from(payload.data, 'base64').toString('utf8'));
  input.resume.view.schedule[0].amountCny = '900.00';
  input.resume.view.payments.push({
    reference: 'FORGED',
    amountCny: '50.00',
    payer: 'x',
    on: '2026-01-01',
    actor: { id: 'x', role: 'tto' },
  });
  payload.data = Buffer.from(JSON.stringify(input)).toString('base64');
  expect(rederiveDeferredLicence(history).problems).toEqual(
    expect.arrayContaining([
      'instalment 1 recorded 900.00, terms give 1000.00',
      expect.stringMatching(/^ledger differs at paidCny/),
    ]),
  );
});

test('an exemption review whose finding was edited, or whose committee lost its reason, is caught', () => {
  const history = load('diligence-exemption-decided.json');
  expect(rederiveDiligenceExemption(history).problems).toEqual([]);
  const completed = history.events[history.events.length - 1].workflowExecutionCompletedEventAttributes;
  const payload = completed.result.payloads[0];
  const view = JSON.parse(Buffer.from(payload.data, 'base64').toString('utf8'));
  const collusion = view.findings
    .filter((f: { subject: string; item: string }) => f.subject === 'Zhao Hua' && f.item === 'collusion')
    .at(-1);
  collusion.value = false;
  delete view.determination.outcomes[1].reason;
  payload.data = Buffer.from(JSON.stringify(view)).toString('base64');
  expect(rederiveDiligenceExemption(history).problems).toEqual(
    expect.arrayContaining([
      'Zhao Hua: preliminary finding differs at decision: recorded "not-exempt", re-derived "exempt"',
      'Zhao Hua: determined partly against a preliminary not-exempt without a reason',
    ]),
  );
});

test('a reward history whose calculation, payment or ledger was edited is caught', () => {
  const history = load('reward-distributed.json');
  expect(rederiveReward(history).problems).toEqual([]);
  const edit = (change: (view: any) => void) => {
    const copy = JSON.parse(JSON.stringify(history)) as HistoryJson;
    const completed = (copy.events as any[]).find((e) => e.workflowExecutionCompletedEventAttributes);
    const payload = completed.workflowExecutionCompletedEventAttributes.result.payloads[0];
    const view = JSON.parse(Buffer.from(payload.data, 'base64').toString('utf8'));
    change(view);
    payload.data = Buffer.from(JSON.stringify(view)).toString('base64');
    return rederiveReward(copy).problems;
  };
  expect(edit((v) => (v.calculation.distribution.people[0].amountCny = '39480.02'))).toEqual(
    expect.arrayContaining([expect.stringMatching(/^calculation differs at distribution\.people\.0\.amountCny/)]),
  );
  expect(edit((v) => (v.payments[1].amountCny = '26321.00'))).toEqual(
    expect.arrayContaining([
      'payment to r-2 is not the calculated part',
      expect.stringMatching(/^ledger differs at paid/),
    ]),
  );
  expect(edit((v) => (v.request.unit.rule.teamShare = 0.8))).toEqual(
    expect.arrayContaining(['the request calculated differs from the request launched']),
  );
});
