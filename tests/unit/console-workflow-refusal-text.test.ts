// A console action the workflow refuses for a field (a missing reason) says so next to that field in
// the person's language, through the same path as on the server: the workflow's own validator refuses,
// client/workflow-calls.ts maps the refusal to the API's InvalidInputError, and the case page's action
// form shows it (client/console/pages/fields.ts). The API keeps the workflow's English byte for byte.
import { actionForms } from '../../client/console/pages/case-actions';
import { refusalOf } from '../../client/console/pages/frame';
import { issueText } from '../../client/console/issue-text';
import type { CasePage } from '../../client/console/case-page';
import type { ConsoleView } from '../../client/console/session';
import type { Lang } from '../../client/console/i18n';
import { problemFor } from '../../client/errors';
import { InvalidInputError } from '../../client/issues';
import { refusalError, type ValidatorRefusal } from '../../client/workflow-calls';
import { getPack } from '../../policies/registry';
import type { RightsGrantParameters } from '../../policies/rights-grant/parameters';
import { validateRightsGrantAct } from '../../workflows/rights-grant-rules';
import type { RightsGrantView } from '../../workflows/rights-grant-definitions';

const params = getPack('cn-hefei-metro-rights-grant@2025.1').parameters as RightsGrantParameters;

const grant: RightsGrantView = {
  caseId: 'rg-7',
  kind: 'rights-grant',
  stage: 'department-review',
  pending: { stage: 'department-review', roles: ['department'], dueAt: null, escalated: false },
  eligibility: {} as RightsGrantView['eligibility'],
  objections: [],
  history: [],
  publicityEndsOn: null,
  agreementReference: null,
  ledgerRegisteredAt: null,
  commercialisedAt: null,
  ltuExpiresOn: '2036-03-02',
};

const page: CasePage = {
  caseId: 'rg-7',
  kind: 'rights-grant',
  title: null,
  stage: 'department-review',
  running: true,
  pending: { stage: 'department-review', roles: ['department'], dueAt: null, escalated: false },
  claim: null,
  mayAct: true,
  timeline: [],
  decision: null,
  pack: null,
  linkedReviews: [],
  view: grant as unknown as CasePage['view'],
  ledgerEntry: null,
  licenceLedger: [],
  rewardLedger: [],
  reconciled: null,
};

const viewIn = (lang: Lang): ConsoleView => ({
  person: { userId: 'u', login: 'dept-1', name: 'dept-1', email: null, language: lang, roles: [] },
  caller: { id: 'dept-1', role: 'department', scope: null },
  lang,
  csrfToken: 'x'.repeat(32),
});

/** The department rejects the grant with a blank reason: the workflow's validator refuses it, as the API reports it. */
function refusedReject(): Error {
  try {
    validateRightsGrantAct(grant, params, {
      action: 'reject',
      actor: { id: 'dept-1', role: 'department' },
      reason: ' ',
    });
  } catch (failure) {
    return refusalError(failure as ValidatorRefusal);
  }
  throw new Error('the workflow accepted a reject without a reason');
}

/** The text the form shows at a field: the issue element its aria-describedby names. */
function issueAt(html: string, id: string): string {
  const m = new RegExp(`<(?:span|p) class="error" id="${id}">([\\s\\S]*?)</(?:span|p)>`).exec(html);
  if (!m) throw new Error(`no issue ${id} in the form`);
  return m[1].trim();
}

test('the API reports the workflow’s refusal in its own English, at the reason field', () => {
  const error = refusedReject();
  expect(error).toBeInstanceOf(InvalidInputError);
  expect(JSON.stringify(problemFor(error).body)).toBe(
    JSON.stringify({ error: 'invalid-input', issues: [{ path: 'reason', message: 'reject needs a reason' }] }),
  );
});

test('a Chinese console shows the refusal next to the reason, in Chinese, the action named by its label', () => {
  const html = actionForms(viewIn('zh'), page, {
    form: 'act',
    values: { reason: ' ' },
    refusal: refusalOf(refusedReject()),
  }).text;
  expect(html).toContain('name="reason"');
  expect(issueAt(html, 'f-act-reason-issue')).toBe('不同意需要填写理由');
  expect(html).not.toContain('needs a reason');
  expect(html).not.toContain('class="untranslated"');
});

test('an English console shows the workflow’s English at the same field', () => {
  const html = actionForms(viewIn('en'), page, { form: 'act', values: {}, refusal: refusalOf(refusedReject()) }).text;
  expect(issueAt(html, 'f-act-reason-issue')).toBe('reject needs a reason');
});

test('the most specific template says a refusal; an exact text is said as written; other parts stay as given', () => {
  const zh = (message: string) => issueText('zh', { path: 'x', message }).text;
  expect(zh('pay needs the payroll reference')).toBe('发放奖励需要填写工资发放编号');
  expect(zh('object needs a reason')).toBe('提出异议需要填写理由');
  expect(zh('a payment must be greater than 0')).toBe('收款金额必须大于 0');
  expect(zh('nothing to pay for p-2: p-1, p-3')).toBe('p-2 没有可发放奖励的部分；可办理的成员：p-1, p-3');
  expect(zh('determine one outcome for each applicant: 张三, 李四')).toBe('须为每位申请人各确定一个结论：张三, 李四');
});
