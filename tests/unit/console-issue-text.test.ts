// A refused console form says what is wrong next to each field in the person's language, while the
// API and CLI keep the contract's English issues byte for byte (CONTRACT.md); every English text
// our input schemas write has a Chinese one, and a text without one is shown marked untranslated.
import { z } from 'zod';
import { CONSOLE_FORMS } from '../../client/console/forms/catalog';
import { bodyFromForm, formValues } from '../../client/console/forms/form-body';
import { fieldsOf } from '../../client/console/forms/schema-fields';
import { renderLaunchForm } from '../../client/console/pages/launch';
import { refusalOf } from '../../client/console/pages/frame';
import { catalogEntry, issueText } from '../../client/console/issue-text';
import type { ConsoleView } from '../../client/console/session';
import type { Lang } from '../../client/console/i18n';
import { problemFor } from '../../client/errors';
import { InvalidInputError, parseInput } from '../../client/issues';
import { EXAMPLE_LICENCE } from '../../policies/deferred-licence/example-request';
import { inputSchemaMessages } from './input-issue-messages';

const viewIn = (lang: Lang): ConsoleView => ({
  person: { userId: 'u', login: 'tto-1', name: 'tto-1', email: null, language: lang, roles: [] },
  caller: { id: 'tto-1', role: 'tto', scope: null },
  lang,
  csrfToken: 'x'.repeat(32),
});

const form = CONSOLE_FORMS['deferred-licence'];
const fields = fieldsOf(form.schema, form.options);

/** The licence form filled in with a negative revenue, no licensee name, an impossible date and a field the API does not know. */
function refusedLicence(): { values: Record<string, string | string[]>; error: InvalidInputError } {
  const values = formValues({
    caseId: 'cqu-lic-2026-009',
    ...EXAMPLE_LICENCE,
    payment: { feeCny: 300000, instalments: 3, intervalMonths: 12 },
    guarantee: { kind: 'insurance', provider: 'PICC Chongqing' },
  });
  values['licensee.annualRevenueCny'] = '-5';
  values['licensee.name'] = '';
  values.asOf = '2026-02-30';
  try {
    parseInput(form.schema, { ...bodyFromForm(fields, values), nickname: 'x' });
  } catch (error) {
    if (error instanceof InvalidInputError) return { values, error };
    throw error;
  }
  throw new Error('the form was accepted');
}

/** The text next to a field: the issue element the field's aria-describedby names. */
function issueAt(page: string, name: string): string {
  const id = `f-${name.replace(/[^A-Za-z0-9_-]/g, '-')}-issue`;
  const m = new RegExp(`<(?:span|p) class="error" id="${id}">([\\s\\S]*?)</(?:span|p)>`).exec(page);
  if (!m) throw new Error(`no issue shown at ${name}`);
  return m[1];
}

const EXPECTED_BODY = {
  error: 'invalid-input',
  issues: [
    { path: 'asOf', message: 'must be a calendar date YYYY-MM-DD' },
    { path: 'licensee.name', message: 'required (string)' },
    { path: 'licensee.annualRevenueCny', message: 'annualRevenueCny must not be negative' },
    { path: '', message: 'unknown field(s): nickname' },
  ],
};

test('the API body for the refused form is the contract’s English, exactly', () => {
  const { error } = refusedLicence();
  expect(problemFor(error).status).toBe(400);
  // Exact JSON, as the API sends it and the CLI prints it: zod's code, kept for the console, is not in it.
  expect(JSON.stringify(problemFor(error).body)).toBe(JSON.stringify(EXPECTED_BODY));
  expect(JSON.stringify(error)).toBe(JSON.stringify(EXPECTED_BODY));
  expect(error.issues).toStrictEqual(EXPECTED_BODY.issues);
});

test('a Chinese console form shows Chinese texts next to the refused fields', () => {
  const { values, error } = refusedLicence();
  const page = renderLaunchForm(viewIn('zh'), 'deferred-licence', values, { refusal: refusalOf(error) }).text;
  expect(issueAt(page, 'licensee.annualRevenueCny')).toBe('年营业收入（元）不能为负数');
  expect(issueAt(page, 'licensee.name')).toBe('必填');
  expect(issueAt(page, 'asOf')).toBe('须为有效的日历日期，格式 YYYY-MM-DD');
  // The unknown field has no field of its own: the summary says it.
  expect(page).toContain('未知字段：nickname');
  // The summary names a refused field by its label, as the person sees it, not by its path.
  expect(page).toContain('<a href="#f-licensee-annualRevenueCny">年营业收入（元）</a>: ');
  expect(page).not.toMatch(/must not be negative|required \(|calendar date|unknown field/);
  expect(page).not.toContain('class="untranslated"');
});

test('an English console form shows the API’s own English issues', () => {
  const { values, error } = refusedLicence();
  const page = renderLaunchForm(viewIn('en'), 'deferred-licence', values, { refusal: refusalOf(error) }).text;
  expect(issueAt(page, 'licensee.annualRevenueCny')).toBe('annualRevenueCny must not be negative');
  expect(issueAt(page, 'licensee.name')).toBe('required (string)');
  expect(issueAt(page, 'asOf')).toBe('must be a calendar date YYYY-MM-DD');
  expect(page).toContain('unknown field(s): nickname');
});

test('a missing field reads 必填; zod’s other codes are said from their parameters', () => {
  const issues = (() => {
    try {
      parseInput(form.schema, { caseId: 'cqu-lic-2026-010' });
    } catch (error) {
      return (error as InvalidInputError).issues;
    }
    throw new Error('accepted');
  })();
  const licensee = issues.find((i) => i.path === 'licensee')!;
  expect(licensee.message).toBe('required (object)');
  expect(issueText('zh', licensee)).toEqual({ text: '必填', translated: true, original: 'required (object)' });
  const small = (() => {
    try {
      parseInput(z.strictObject({ n: z.number().min(1), s: z.string().max(3), k: z.enum(['a', 'b']) }), {
        n: 0,
        s: 'abcd',
        k: 'c',
      });
    } catch (error) {
      return (error as InvalidInputError).issues;
    }
    throw new Error('accepted');
  })();
  expect(small.map((i) => issueText('zh', i).text)).toEqual([
    '不能小于 1',
    '最多 3 个字符',
    '无效选项：应为以下之一 a、b',
  ]);
  expect(small.map((i) => issueText('en', i).text)).toEqual(small.map((i) => i.message));
});

test('an issue with no Chinese text is shown in English, marked untranslated', () => {
  const issue = { path: 'caseId', message: 'a text nobody has translated yet' };
  expect(issueText('zh', issue)).toEqual({ text: issue.message, translated: false, original: issue.message });
  const error = new InvalidInputError([issue]);
  const page = renderLaunchForm(viewIn('zh'), 'deferred-licence', { caseId: 'x' }, { refusal: refusalOf(error) }).text;
  const shown = issueAt(page, 'caseId').replace(/\s+/g, ' ');
  expect(shown).toContain(
    '<span class="untranslated" >【无中文说明】 <span lang="en">a text nobody has translated yet',
  );
});

test('a template’s parts carry over into its Chinese', () => {
  expect(issueText('zh', { path: 'x', message: 'feeCny must be greater than 0' }).text).toBe('feeCny必须大于 0');
  expect(issueText('zh', { path: 'payment.feeCny', message: 'feeCny must be greater than 0' }).text).toBe(
    '许可费（元）必须大于 0',
  );
  expect(
    issueText('zh', { path: 'city', message: 'unknown city "Atlantis": did you mean Anqing (安庆, Anhui)?' }).text,
  ).toBe('未知城市“Atlantis”：您是否指 Anqing (安庆, Anhui)？');
});

test('every English text the input schemas write has a Chinese text', () => {
  const found = inputSchemaMessages();
  // The scan finds them (a broken scan would pass vacuously).
  expect(found.length).toBeGreaterThan(40);
  expect(found).toContainEqual({ file: 'policies/input-primitives.ts', text: '{what} must not be negative' });
  // The workflows' field refusals and the issues client code builds by hand (a ternary's both texts).
  expect(found).toContainEqual({ file: 'workflows/rights-grant-rules.ts', text: '{action} needs a reason' });
  expect(found).toContainEqual({
    file: 'workflows/diligence-exemption-rules.ts',
    text: '{item} is found true or false',
  });
  expect(found).toContainEqual({ file: 'client/api/case-actions.ts', text: 'no case {linked}' });
  expect(found).toContainEqual({
    file: 'client/api/case-actions.ts',
    text: 'a review is raised from a rights-grant or licence case, not from another review',
  });
  const missing = found.filter((m) => {
    // The source's template is looked up with sample values in its {parts}.
    const sample = m.text.replace(/\{\w+\}/g, 'sample');
    return !catalogEntry(sample);
  });
  expect(missing).toEqual([]);
});
