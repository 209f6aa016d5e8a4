// An exemption review on the dev server and PGlite, raised from a licence that reported a loss:
// evidence uploaded and cited by hash, findings by an authenticated reviewer (API and CLI), the
// preliminary finding, a committee that differs with a reason, the result applied and the
// corrective action completed; the licence shows the review linked.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { addDays, chinaDate } from '../../policies/dates';
import { cli } from '../support/cli';
import { licenceFixture } from '../support/licence-driver';
import { NEGATIVE_LIST } from '../support/review-driver';
import { eventually } from '../support/rights-grant-driver';
import { KEYS, useE2E } from '../support/stack';

const e2e = useE2E('pglite');
const today = chinaDate(Date.now());
const base = licenceFixture({ effectiveOn: today });
const licence = { caseId: 'e2e-loss-lic', ...base.request, payment: base.payment, guarantee: base.guarantee };
const review = {
  caseId: 'e2e-review-1',
  trigger: {
    kind: 'reported-loss',
    description: 'the licensee reports the licensed result lost 60 % of its value',
    reportedOn: today,
  },
  linkedCaseId: 'e2e-loss-lic',
  transfer: { title: 'Licence e2e-loss-lic to Liangjiang Sensors', pricing: 'negotiated', decidedOn: today },
  applicants: [
    { name: 'Li Ming', role: 'leader' },
    { name: 'Zhao Hua', role: 'researcher' },
  ],
};
const act = (key: string, body: object) => e2e().call('POST', '/v1/cases/e2e-review-1/actions', key, body);

async function upload(name: string, content: string, key = KEYS.reviewer) {
  const res = await fetch(`${e2e().stack.apiUrl}/v1/evidence?name=${encodeURIComponent(name)}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/octet-stream' },
    body: content,
  });
  return { status: res.status, body: (await res.json()) as { name: string; sha256: string; size: number } };
}

test('a licence reports a loss; the review is opened from it and the licence shows the link', async () => {
  expect((await e2e().call('POST', '/v1/cases/deferred-licence', KEYS.tto, licence)).status).toBe(201);
  await eventually(
    () => e2e().db.prisma.case.findUnique({ where: { id: 'e2e-loss-lic' } }),
    (r) => r !== null,
    'licence saved',
  );
  await e2e()
    .call('POST', '/v1/licences/e2e-loss-lic/revenue', KEYS.licensee, {
      amountCny: 0,
      note: 'market collapsed: no sales',
    })
    .then((r) => expect(r.status).toBe(409)); // still at contract: revenue comes later
  const missing = await e2e().call('POST', '/v1/cases/diligence-exemption', KEYS.reviewer, {
    ...review,
    caseId: 'e2e-review-x',
    linkedCaseId: 'no-such-case',
  });
  expect(missing.body.issues).toEqual([{ path: 'linkedCaseId', message: 'no case no-such-case' }]);
  expect((await e2e().call('POST', '/v1/cases/diligence-exemption', KEYS.licensee, review)).status).toBe(403);
  const opened = await e2e().call('POST', '/v1/cases/diligence-exemption', KEYS.reviewer, review);
  expect(opened.status).toBe(201);
  expect(opened.body).toMatchObject({
    kind: 'diligence-exemption',
    stage: 'acceptance',
    policy: { id: 'cn-diligence-exemption-2016' },
  });
  const lic = await eventually(
    () => e2e().call('GET', '/v1/cases/e2e-loss-lic', KEYS.auditor),
    (r) => r.body.linkedReviews?.length === 1,
    'licence linked',
  );
  expect(lic.body.linkedReviews).toEqual(['e2e-review-1']);
  // The licensee does not learn that a review of its licence exists: no link, and the review is a 404.
  const own = await e2e().call('GET', '/v1/cases/e2e-loss-lic', KEYS.licensee);
  expect(own.status).toBe(200);
  expect(own.body).not.toHaveProperty('linkedReviews');
  expect(JSON.stringify(own.body)).not.toContain('e2e-review-1');
  expect((await e2e().call('GET', '/v1/cases/e2e-review-1', KEYS.licensee)).status).toBe(404);
  expect((await e2e().call('GET', '/v1/cases/e2e-review-1/history', KEYS.licensee)).status).toBe(404);
  const inbox = await e2e().call('GET', '/v1/tasks', KEYS.reviewer);
  expect(inbox.body.items).toEqual(
    expect.arrayContaining([
      expect.objectContaining({ caseId: 'e2e-review-1', kind: 'diligence-exemption', stage: 'acceptance' }),
    ]),
  );
});

test('evidence is stored by hash; findings must cite stored documents and come from a reviewer', async () => {
  const doc = await upload('board-minutes-2025-03.pdf', 'minutes: collective decision taken 2025-03-10');
  expect(doc.status).toBe(201);
  expect(doc.body.sha256).toBe(
    createHash('sha256').update('minutes: collective decision taken 2025-03-10').digest('hex'),
  );
  const back = await fetch(`${e2e().stack.apiUrl}/v1/evidence/${doc.body.sha256}`, {
    headers: { authorization: `Bearer ${KEYS.auditor}` },
  });
  expect(await back.text()).toBe('minutes: collective decision taken 2025-03-10');
  expect((await upload('x.pdf', 'x', KEYS.licensee)).status).toBe(403);

  expect((await act(KEYS.tto, { action: 'accept' })).status).toBe(403);
  expect((await act(KEYS.reviewer, { action: 'accept' })).body.stage).toBe('evidence-review');
  const unknown = await act(KEYS.reviewer, {
    action: 'finding',
    subject: 'unit',
    item: 'collectiveDecision',
    value: true,
    evidence: [{ name: 'forged.pdf', sha256: 'a'.repeat(64) }],
  });
  expect(unknown.status).toBe(400);
  expect(unknown.body.issues[0]).toMatchObject({
    path: 'evidence.0.sha256',
    message: expect.stringMatching(/upload "forged.pdf" first/),
  });
  const cite = [{ name: doc.body.name, sha256: doc.body.sha256 }];
  const ok = await act(KEYS.reviewer, {
    action: 'finding',
    subject: 'unit',
    item: 'collectiveDecision',
    value: true,
    evidence: cite,
  });
  expect(ok.body.findings).toEqual([
    expect.objectContaining({
      item: 'collectiveDecision',
      value: true,
      actor: { id: 'reviewer-1', role: 'reviewer' },
      evidence: cite,
    }),
  ]);
});

test('the CLI records findings with their documents; the preliminary finding, the committee, the result and the corrective action', async () => {
  const env = { TRANSFERFLOW_API_URL: e2e().stack.apiUrl, TRANSFERFLOW_API_KEY: KEYS.reviewer };
  const file = path.join(e2e().evidenceDir, 'exchange-publicity.txt');
  writeFileSync(file, 'notice no. 2025-117 on the Chongqing technology exchange');
  const byCli = await cli(
    [
      'review',
      'finding',
      'e2e-review-1',
      'unit',
      'publicisedOnExchange',
      'true',
      '--evidence',
      file,
      '--note',
      'exchange notice 2025-117',
    ],
    env,
  );
  expect(byCli.code).toBe(0);
  expect(byCli.stdout).toMatch(/EVIDENCE-REVIEW/);
  expect(
    (await cli(['review', 'finding', 'e2e-review-1', 'unit', 'pricing', 'barter', '--evidence', file], env)).code,
  ).toBe(2);

  const doc = (await upload('declarations.pdf', 'signed declarations of both applicants')).body;
  const cite = [{ name: doc.name, sha256: doc.sha256 }];
  const unit: Record<string, boolean | string> = {
    pricing: 'negotiated',
    publicisedInUnit: true,
    internalRulesExist: true,
  };
  for (const [item, value] of Object.entries(unit))
    expect((await act(KEYS.reviewer, { action: 'finding', subject: 'unit', item, value, evidence: cite })).status).toBe(
      200,
    );
  for (const person of ['Li Ming', 'Zhao Hua']) {
    for (const item of NEGATIVE_LIST) {
      const r = await act(KEYS.reviewer, {
        action: 'finding',
        subject: person,
        item,
        value: person === 'Zhao Hua' && item === 'relatedPartyUndisclosed',
        evidence: cite,
      });
      expect(r.status).toBe(200);
    }
  }
  const det = await eventually(
    () => e2e().call('GET', '/v1/cases/e2e-review-1', KEYS.committee),
    (r) => r.body.stage === 'determination',
    'determination',
  );
  expect(
    det.body.preliminary.map((p: { person: string; decision: { decision: string; negativeListHits: string[] } }) => [
      p.person,
      p.decision.decision,
      p.decision.negativeListHits,
    ]),
  ).toEqual([
    ['Li Ming', 'exempt', []],
    ['Zhao Hua', 'not-exempt', ['related-party-undisclosed']],
  ]);

  const committeeEnv = { ...env, TRANSFERFLOW_API_KEY: KEYS.committee };
  const decision = path.join(e2e().evidenceDir, 'determination.json');
  writeFileSync(
    decision,
    JSON.stringify({
      outcomes: [
        { person: 'Li Ming', outcome: 'exempt' },
        { person: 'Zhao Hua', outcome: 'exempt' },
      ],
    }),
  );
  const refused = await cli(['review', 'determine', 'e2e-review-1', '--input', decision], committeeEnv);
  expect(refused.code).toBe(2);
  expect(refused.stderr).toMatch(
    /Zhao Hua: the preliminary finding is not-exempt; \\"exempt\\" needs a written reason|Zhao Hua: the preliminary finding is not-exempt/,
  );
  writeFileSync(
    decision,
    JSON.stringify({
      outcomes: [
        { person: 'Li Ming', outcome: 'exempt' },
        {
          person: 'Zhao Hua',
          outcome: 'partly',
          reason: 'the relation was disclosed orally to the committee chair (minutes p. 4); written disclosure missing',
        },
      ],
      correctiveActions: [
        {
          description: 'written related-party disclosure procedure',
          owner: 'tech-transfer office',
          dueOn: addDays(today, 60),
        },
      ],
    }),
  );
  const determined = await cli(['review', 'determine', 'e2e-review-1', '--input', decision], committeeEnv);
  expect(determined.code).toBe(0);
  expect(determined.stdout).toMatch(/Zhao Hua\s+partly\s+the relation was disclosed orally/);
  expect(determined.stdout).toMatch(
    /relied on: .*declarations\.pdf.*exchange-publicity\.txt|relied on: .*exchange-publicity\.txt.*declarations\.pdf/,
  );

  expect((await act(KEYS.reviewer, { action: 'apply-result', reference: 'HR-2026-1' })).status).toBe(403);
  expect((await act(KEYS.tto, { action: 'apply-result', reference: 'HR-APPRAISAL-2026-118' })).body.stage).toBe(
    'corrective-actions',
  );
  const tto = { ...env, TRANSFERFLOW_API_KEY: KEYS.tto };
  const done = await cli(
    ['case', 'act', 'e2e-review-1', 'complete-action', '--action-id', 'CA-1', '--reference', 'PROC-2026-07'],
    tto,
  );
  expect(done.code).toBe(0);
  expect(done.stdout).toMatch(/CLOSED/);
  const history = await e2e().call('GET', '/v1/cases/e2e-review-1/history', KEYS.auditor);
  const findings = history.body.decisions.filter((d: { action: string }) => d.action === 'finding');
  expect(findings.length).toBe(5 + 12);
  expect(
    findings.every(
      (f: { actor: { role: string }; evidence: unknown[] }) => f.actor.role === 'reviewer' && f.evidence.length > 0,
    ),
  ).toBe(true);
  expect(history.body.auditLog.length).toBe(history.body.decisions.length);
});
