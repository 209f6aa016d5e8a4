// Every "why" a person reads in the console has its Chinese and English text: each evaluator
// check id (by outcome) and each refusal code of the error table and the workflows. A new id or
// code without text fails here; an unknown one at run time is shown marked as untranslated.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ALL_CHECK_IDS } from '../../policies/check-ids';
import { EVALUATORS } from '../../policies/evaluators';
import type { Check } from '../../policies/types';
import { FAILURE } from '../../workflows/failures';
import { CASE_CONFLICT_CODES } from '../../client/case-conflict';
import { MESSAGES } from '../../client/console/messages';
import { checkName, explainCheck, refusalText } from '../../client/console/explain';

const both = (key: string) => {
  const m = MESSAGES[key];
  return { key, zh: Boolean(m?.zh), en: Boolean(m?.en) };
};

test('every check id has its name and a passed and a failed explanation in zh and en', () => {
  expect(ALL_CHECK_IDS.length).toBeGreaterThan(20);
  for (const id of ALL_CHECK_IDS)
    for (const key of [`check.${id}`, `explain.${id}.passed`, `explain.${id}.failed`])
      expect(both(key)).toEqual({ key, zh: true, en: true });
});

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : path.endsWith('.ts') ? [path] : [];
  });
}

/** Every code the error table can answer with: its own rows, fastify's, HttpError's throughout client/, the workflows'. */
function refusalCodes(): string[] {
  const errors = readFileSync(join(__dirname, '../../client/errors.ts'), 'utf8');
  const fromTable = [...errors.matchAll(/error: '([A-Za-z-]+)'/g), ...errors.matchAll(/\d{3}: '([a-z-]+)'/g)].map(
    (m) => m[1],
  );
  const fromHttp = sources(join(__dirname, '../../client')).flatMap((file) =>
    [...readFileSync(file, 'utf8').matchAll(/new HttpError\(\s*\d{3},\s*'([A-Za-z-]+)'/g)].map((m) => m[1]),
  );
  return [...new Set([...Object.values(FAILURE), ...CASE_CONFLICT_CODES, 'bad-request', ...fromTable, ...fromHttp])];
}

test('every refusal code (workflows/failures.ts, the error table, HttpError) has its text in zh and en', () => {
  const codes = refusalCodes();
  expect(codes).toEqual(expect.arrayContaining(['forbidden', 'invalid-state', 'invalid-input', 'PolicyPackChanged']));
  expect(codes).toEqual(expect.arrayContaining(['claimed', 'not-found', 'idempotency-conflict', 'unauthenticated']));
  for (const code of codes) expect(both(`refusal.${code}`)).toEqual({ key: `refusal.${code}`, zh: true, en: true });
});

test("each mechanism's example decision is explained in both languages, its values filled in", () => {
  for (const [mechanism, ev] of Object.entries(EVALUATORS)) {
    const input = ev!.input.parse(ev!.example);
    const decision = ev!.decide(input as never, input.asOf ?? '2025-06-01') as { checks: Check[] };
    expect({ mechanism, checks: decision.checks.length > 0 }).toEqual({ mechanism, checks: true });
    for (const c of decision.checks)
      for (const lang of ['zh', 'en'] as const) {
        const why = explainCheck(lang, c, 'pack@1');
        expect({ id: c.id, lang, translated: why.translated, leftover: /\{\w+\}/.test(why.text) }).toEqual({
          id: c.id,
          lang,
          translated: true,
          leftover: false,
        });
        expect(why.original).toBe(c.message);
      }
  }
});

test('a check is explained from its own limit and actual value, shares as percentages', () => {
  const c = { id: 'loan-ratio', passed: false, limit: 0.6, actual: 0.75, message: 'loan exceeds…' };
  expect(explainCheck('zh', c).text).toBe('贷款为交易价款的 75%，超过 60% 的上限。');
  expect(explainCheck('en', c).text).toBe('The loan is 75% of the price, above the 60% limit.');
  const term = { id: 'loan-term', passed: true, limit: 7, actual: 5, message: '' };
  expect(explainCheck('zh', term).text).toBe('贷款期限 5 年，未超过 7 年的上限。');
  // A condition that does not apply (no limit, no value) has its own sentence, naming the pack.
  const unit = { id: 'collective-decision', passed: true, limit: null, actual: null, message: '' };
  expect(explainCheck('en', unit, 'diligence-exemption-cn@1.0.0').text).toContain('diligence-exemption-cn@1.0.0');
});

test('an unknown check id or refusal code is shown marked as untranslated, never silently', () => {
  const c = { id: 'brand-new-check', passed: true, limit: 1, actual: 1, message: 'the evaluator says so' };
  const why = explainCheck('zh', c);
  expect(why).toEqual({
    text: expect.stringContaining('brand-new-check'),
    translated: false,
    original: 'the evaluator says so',
  });
  expect(why.text).toContain('无中文说明');
  expect(checkName('en', 'brand-new-check')).toEqual({ text: 'brand-new-check', translated: false });
  const refused = refusalText('en', 'brand-new-code');
  expect(refused.translated).toBe(false);
  expect(refused.text).toContain('brand-new-code');
  expect(refused.text).toContain('No translated reason');
});

test("a refusal names the person's role, the action, the case and its stage in their language", () => {
  const context = { caseId: 'rg-7', action: 'approve', stage: 'office-review', role: 'department' };
  expect(refusalText('zh', 'forbidden', context).text).toBe('您当前的身份（院系）不能办理“同意”，未作任何更改。');
  expect(refusalText('en', 'invalid-state', context).text).toBe(
    'Case rg-7 is at the Office review stage and does not take “Approve”: nothing was changed.',
  );
});
