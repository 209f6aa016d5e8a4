// A licence's renewal from the console: at its term's end the case page asks for the new payment
// terms in the licence's own model (deferred fee or royalty), and the form's fields become the
// API's renew body (the workflow then decides, as for every action).
import { actionForms, renewalFields, renewalSchema } from '../../client/console/pages/case-actions';
import type { CasePage } from '../../client/console/case-page';
import type { ConsoleView } from '../../client/console/session';
import { bodyFromForm } from '../../client/console/forms/form-body';
import { parseInput } from '../../client/issues';
import { InvalidInputError } from '../../client/issues';

const view: ConsoleView = {
  person: { userId: 'u', login: 'tto-1', name: 'tto-1', email: null, language: 'zh', roles: [] },
  caller: { id: 'tto-1', role: 'tto', scope: null },
  lang: 'zh',
  csrfToken: 'x'.repeat(32),
};

function licenceAt(stage: string, payment: object): CasePage {
  return {
    caseId: 'lic-9',
    kind: 'deferred-licence',
    title: null,
    stage,
    running: true,
    pending: { stage, roles: ['tto'], dueAt: null, escalated: false },
    claim: null,
    mayAct: true,
    timeline: [],
    decision: null,
    pack: null,
    linkedReviews: [],
    view: { stage, payment } as unknown as CasePage['view'],
    ledgerEntry: null,
    licenceLedger: [],
    rewardLedger: [],
    reconciled: null,
  };
}

const FEE = { feeCny: '300000.00', instalments: 3, intervalMonths: 12 };
const ROYALTY = { royaltyRate: 0.03, periodMonths: 12, periods: 5 };

test('at the term’s end a deferred-fee licence asks for a new fee, instalments and interval', () => {
  const page = actionForms(view, licenceAt('term-end', FEE), null).text;
  expect(page).toContain('action="/cases/lic-9/renew"');
  for (const name of ['payment.feeCny', 'payment.instalments', 'payment.intervalMonths', 'reason'])
    expect(page).toContain(`name="${name}"`);
  expect(page).not.toContain('name="payment.royaltyRate"');
  expect(page).toContain('续期：新的付款条件');
});

test('a royalty licence asks for a new rate, period and periods; before the term’s end there is no renewal', () => {
  const page = actionForms(view, licenceAt('term-end', ROYALTY), null).text;
  for (const name of ['payment.royaltyRate', 'payment.periodMonths', 'payment.periods'])
    expect(page).toContain(`name="${name}"`);
  expect(page).not.toContain('name="payment.feeCny"');
  expect(actionForms(view, licenceAt('paying', FEE), null).text).not.toContain('/renew"');
});

test('the form’s fields become the renewal terms; a missing term is an issue at its field', () => {
  const form = {
    'payment.feeCny': '240000',
    'payment.instalments': '4',
    'payment.intervalMonths': '6',
    reason: '续签',
  };
  expect(parseInput(renewalSchema(false), bodyFromForm(renewalFields(false), form))).toEqual({
    payment: { feeCny: expect.anything(), instalments: 4, intervalMonths: 6 },
    reason: '续签',
  });
  const bad = { 'payment.feeCny': '240000', 'payment.instalments': '', 'payment.intervalMonths': '6' };
  let error: unknown;
  try {
    parseInput(renewalSchema(false), bodyFromForm(renewalFields(false), bad));
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(InvalidInputError);
  expect((error as InvalidInputError).issues.map((i) => i.path)).toContain('payment.instalments');
});
