// The auditor's and policy officer's pages, through the browser only, on the real stack (dev
// server, PGlite, worker, API and console) in Debian's Chromium: an auditor reads a case's
// timeline and verifies it by replay (verified), downloads its bundle, verifies a committed
// history (verified) and a tampered copy of it (failed, with the difference), checks the log
// against heads kept from the API (verified) and a forged head (failed); anyone reads the packs,
// which pack applies to a place and date and why the others do not, and a pack diff; an auditor
// runs a what-if that flips a bank's loan check; the loan opinion and the publicity notice are
// (and the committee's determination letter) printed to PDF, rendered to PNG with pdftoppm and read back with pdftotext for their Chinese
// text, case id, pack and the SHA-256 of the record served beside them. axe-core on every page.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  expectNoSeriousA11yViolations,
  loginAs,
  screenshot,
  startConsoleStack,
  type ConsoleStack,
} from '../support/browser';
import { checkDocument, fetchInPage } from '../support/printed-documents';
import { fill, press, text, untilStage } from '../support/console-pages';
import { KEYS } from '../support/stack';
import { NEGATIVE_LIST } from '../support/review-driver';
import { UNIT_ITEMS } from '../../workflows/diligence-exemption-definitions';

let stack: ConsoleStack;
let tmp: string;
beforeAll(async () => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'tf-audit-browser-'));
  stack = await startConsoleStack();
}, 180_000);
afterAll(async () => {
  await stack?.close();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

const url = (p: string) => `${stack.url}${p}`;
const HISTORY = path.join(__dirname, '..', 'replay', 'histories', 'ma-loan-measures-2025-participation.json');

/** The committed history with its recorded request changed after the fact (the loan amount ten times larger). */
function tamperedHistory(): string {
  const history = JSON.parse(readFileSync(HISTORY, 'utf8'));
  const payload = history.events[0].workflowExecutionStartedEventAttributes.input.payloads[0];
  const input = Buffer.from(payload.data, 'base64').toString('utf8');
  expect(input).toContain('"amountCny":6000000,');
  payload.data = Buffer.from(input.replace('"amountCny":6000000,', '"amountCny":60000000,')).toString('base64');
  return JSON.stringify(history);
}

test('an auditor reads a case, verifies it by replay, downloads its bundle, and a tampered history fails', async () => {
  const caseId = 'au-rg-1';
  const casePage = url(`/cases/${caseId}`);
  const tto = await loginAs(stack, 'tto');
  await tto.goto(url('/new/rights-grant?example=1'));
  await fill(tto, { caseId, department: '材料科学与工程学院' });
  await press(tto, 'form.launch button[type="submit"]:not([formaction])');
  const dept = await loginAs(stack, 'department');
  await untilStage(dept, casePage, '院系审核');
  await fill(dept, { reason: '成果权属清晰，同意赋权' });
  await press(dept, 'button[name="action"][value="approve"]');
  await untilStage(tto, casePage, '转化办审核');
  await press(tto, 'button[name="action"][value="approve"]');
  await untilStage(tto, casePage, '公示');

  const auditor = await loginAs(stack, 'auditor');
  await auditor.goto(url('/audit'));
  expect(await text(auditor)).toContain(caseId);
  await expectNoSeriousA11yViolations(auditor);
  await auditor.goto(url(`/audit/cases/${caseId}`));
  const timeline = await text(auditor, '.timeline');
  expect(timeline).toContain('成果权属清晰，同意赋权');
  expect(timeline).toContain('department-1');
  await press(auditor, 'button.verify');
  const verdict = await text(auditor, '.verdict');
  expect(verdict).toContain('核验通过');
  expect(verdict).toContain('cn-hefei-metro-rights-grant@2025.1');
  expect(verdict).toContain('无差异');
  await expectNoSeriousA11yViolations(auditor);
  await screenshot(auditor, 'console-audit-case-verified');

  const bundle = await fetchInPage(auditor, `/audit/cases/${caseId}/bundle`);
  expect(bundle.status).toBe(200);
  const b = JSON.parse(bundle.body.toString('utf8'));
  expect(b.workflowId).toBe(`rights-grant/${caseId}`);
  expect(b.verdicts.map((v: { verified: boolean }) => v.verified)).toEqual(b.runs.map(() => true));
  expect(b.manifest.signature).toEqual(expect.any(String));

  // A committed history verifies; the same history with its request changed does not, and says where.
  await auditor.goto(url('/audit/verify'));
  await fill(auditor, { history: readFileSync(HISTORY, 'utf8') });
  await press(auditor, 'form.stack button[type="submit"]');
  expect(await text(auditor, '.verdict')).toContain('核验通过');
  await auditor.goto(url('/audit/verify'));
  await fill(auditor, { history: tamperedHistory() });
  await press(auditor, 'form.stack button[type="submit"]');
  const failed = await text(auditor, '.verdict');
  expect(failed).toContain('核验未通过');
  expect(failed).toMatch(/decision differs at checks\.\d+\.actual/);
  await expectNoSeriousA11yViolations(auditor);
  await screenshot(auditor, 'console-audit-tampered');

  // The publicity notice, printed: Chinese text, the case, the pack, the hash of its record.
  // The case page offers it; the same link prints it.
  await tto.goto(casePage);
  const href = await tto.$eval('.documents a', (a) =>
    (a as unknown as { getAttribute(n: string): string }).getAttribute('href'),
  );
  expect(href).toBe(`/documents/cases/${caseId}/publicity.pdf`);
  const doc = await checkDocument(
    tto,
    href,
    `/documents/cases/${caseId}/publicity.json`,
    'document-publicity',
    ['关于职务科技成果赋权的公示', '公示期', caseId, 'cn-hefei-metro-rights-grant@2025.1'],
    tmp,
  );
  expect(doc.caseId).toBe(caseId);
}, 240_000);

test('the audit log checked against heads kept from the API, and against a forged head', async () => {
  const signed = await stack.e2e.call('POST', '/v1/audit/heads', KEYS.auditor);
  expect(signed.status).toBe(200);
  const kept = await stack.e2e.call('GET', '/v1/audit/heads', KEYS.auditor);
  const file = { publicKey: kept.body.publicKey, keyId: kept.body.keyId, heads: kept.body.heads };
  expect(file.heads.length).toBeGreaterThan(0);

  const auditor = await loginAs(stack, 'auditor');
  await auditor.goto(url('/audit/heads'));
  expect(await text(auditor)).toContain(kept.body.keyId);
  await fill(auditor, { heads: JSON.stringify(file) });
  await press(auditor, 'form.stack button[type="submit"]');
  expect(await text(auditor, '.verdict')).toContain('核验通过');
  await expectNoSeriousA11yViolations(auditor);
  await screenshot(auditor, 'console-audit-heads');

  const last = file.heads.at(-1);
  const forged = { ...file, heads: [...file.heads.slice(0, -1), { ...last, rootHash: 'ab'.repeat(32) }] };
  await auditor.goto(url('/audit/heads'));
  await fill(auditor, { heads: JSON.stringify(forged) });
  await press(auditor, 'form.stack button[type="submit"]');
  const result = await text(auditor, '.verdict');
  expect(result).toContain('核验未通过');
  expect(result).toContain(String(last.treeSize));
});

test('the packs, which pack applies and why the others do not, a pack diff', async () => {
  const reviewer = await loginAs(stack, 'reviewer');
  await reviewer.goto(url('/policies'));
  const list = await text(reviewer);
  expect(list).toContain('cn-hefei-metro-rights-grant@2025.1');
  expect(list).toContain('cn-tech-ma-pilot@2026.1');
  await expectNoSeriousA11yViolations(reviewer);
  await screenshot(reviewer, 'console-policies');

  await reviewer.goto(url('/policies/applies'));
  await fill(reviewer, { mechanism: 'rights-grant', city: '合肥', date: '2026-01-15' });
  await press(reviewer, 'form.filters button[type="submit"]');
  const applies = await text(reviewer, '.selection');
  expect(applies).toContain('适用的政策包： cn-hefei-metro-rights-grant@2025.1');
  expect(applies).toContain('a more specific pack (cn-hefei-metro-rights-grant@2025.1) applies');
  expect(applies).toMatch(/cn-guangdong-rights-grant@2024\.1\s+不适用\s+Anhui \(安徽\): not one of Guangdong/);
  await expectNoSeriousA11yViolations(reviewer);
  await screenshot(reviewer, 'console-policy-applies');

  await reviewer.goto(url('/policies/diff?a=cn-tech-ma-pilot%402025.1&b=cn-tech-ma-pilot%402026.1'));
  const diff = await text(reviewer, '.diff');
  expect(diff).toMatch(/version\s+"2025\.1"\s+"2026\.1"/);
  expect(diff).toContain('effectiveFrom');
  await expectNoSeriousA11yViolations(reviewer);
  await screenshot(reviewer, 'console-policy-diff');
});

test("a bank's loan opinion printed, and an auditor's what-if that would flip it", async () => {
  const bank = await loginAs(stack, 'bank');
  await bank.goto(url('/loan-checks/new?example=1'));
  await fill(bank, { requestId: 'au-loan-1', asOf: '2025-06-01' });
  await press(bank, 'form.launch button[type="submit"]:not([formaction])');
  const id = new URL(bank.url()).pathname.split('/').at(-1)!;
  expect(id).toMatch(/^lc_/);
  const href = await bank.$eval('.documents a', (a) =>
    (a as unknown as { getAttribute(n: string): string }).getAttribute('href'),
  );
  expect(href).toBe(`/documents/loan-checks/${id}/opinion.pdf`);
  const record = await checkDocument(
    bank,
    href,
    `/documents/loan-checks/${id}/opinion.json`,
    'document-loan-opinion',
    ['并购贷款合规审查意见书', '审查结论', 'au-loan-1', id],
    tmp,
  );
  expect(`${record.pack.id}@${record.pack.version}`).toBe('cn-tech-ma-pilot@2025.1');

  // The auditor finds the check on the audit home and verifies it by replay.
  const auditor = await loginAs(stack, 'auditor');
  await auditor.goto(url('/audit'));
  await press(auditor, `a[href="/audit/loan-checks/${id}"]`);
  await press(auditor, 'button.verify');
  const verdict = await text(auditor, '.verdict');
  expect(verdict).toContain('核验通过');
  expect(verdict).toContain('ma-loan/cq-bank/au-loan-1');
  await expectNoSeriousA11yViolations(auditor);

  await auditor.goto(url('/policies/what-if'));
  await fill(auditor, { mechanism: 'ma-loan', policy: 'cn-ma-loan-guideline-2015@2015.1', since: '2025-01-01' });
  await press(auditor, 'form.filters button[type="submit"]');
  const result = await text(auditor, '.whatif');
  expect(result).toMatch(/重新评估 1 项决定，其中 1 项结论会改变/);
  expect(result).toContain('au-loan-1');
  expect(result).toContain('通过');
  expect(result).toContain('不通过');
  await expectNoSeriousA11yViolations(auditor);
  await screenshot(auditor, 'console-policy-what-if');
});

test("the committee's determination letter of an exemption review, printed from its case page", async () => {
  const caseId = 'au-rv-1';
  const call = stack.e2e.call.bind(stack.e2e);
  const minutes = 'minutes: collective decision taken 2025-03-10';
  const upload = await fetch(`${stack.url}/v1/evidence?name=board-minutes.txt`, {
    method: 'POST',
    headers: { authorization: `Bearer ${KEYS.reviewer}`, 'content-type': 'application/octet-stream' },
    body: minutes,
  });
  const cite = [{ name: 'board-minutes.txt', sha256: ((await upload.json()) as { sha256: string }).sha256 }];
  const opened = await call('POST', '/v1/cases/diligence-exemption', KEYS.reviewer, {
    caseId,
    trigger: { kind: 'reported-loss', description: '许可专利价值减损六成', reportedOn: '2026-11-01' },
    transfer: { title: '专利 CN2023100001 许可', pricing: 'negotiated', decidedOn: '2025-03-10' },
    applicants: [{ name: '李明', role: 'leader' }],
  });
  expect(opened.status).toBe(201);
  const act = async (key: string, body: object) => {
    for (let i = 0; ; i++) {
      const r = await call('POST', `/v1/cases/${caseId}/actions`, key, body);
      if (r.status === 200) return r.body;
      // The case is saved a moment after it starts: retry a 404 briefly, fail anything else.
      if (r.status !== 404 || i > 50) throw new Error(`${JSON.stringify(body)}: ${r.status} ${JSON.stringify(r.body)}`);
      await new Promise((done) => setTimeout(done, 200));
    }
  };
  await act(KEYS.reviewer, { action: 'accept' });
  const unit: Record<string, string | boolean> = {
    pricing: 'negotiated',
    publicisedInUnit: true,
    publicisedOnExchange: true,
    collectiveDecision: true,
    internalRulesExist: true,
  };
  for (const item of UNIT_ITEMS)
    await act(KEYS.reviewer, { action: 'finding', subject: 'unit', item, value: unit[item], evidence: cite });
  for (const item of NEGATIVE_LIST)
    await act(KEYS.reviewer, { action: 'finding', subject: '李明', item, value: false, evidence: cite });
  await act(KEYS.committee, {
    action: 'determine',
    outcomes: [{ person: '李明', outcome: 'exempt', reason: '定价经集体决策并公示，未发现负面清单情形' }],
    evidence: cite,
  });

  const committee = await loginAs(stack, 'committee');
  await committee.goto(url(`/cases/${caseId}`));
  const href = await committee.$eval('.documents a', (a) =>
    (a as unknown as { getAttribute(n: string): string }).getAttribute('href'),
  );
  expect(href).toBe(`/documents/cases/${caseId}/determination.pdf`);
  const record = await checkDocument(
    committee,
    href,
    `/documents/cases/${caseId}/determination.json`,
    'document-determination',
    [
      '尽职免责认定决定书',
      '李明',
      '定价经集体决策并公示',
      cite[0].sha256,
      caseId,
      'cn-diligence-exemption-2016@2016.1',
    ],
    tmp,
  );
  expect(record.pack.id).toBe('cn-diligence-exemption-2016');
});
