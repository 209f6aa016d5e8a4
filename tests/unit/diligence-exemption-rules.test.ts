// The exemption review's act rules and preliminary finding, without a server.
import { getPack } from '../../policies/registry';
import { ROLES } from '../../client/api/auth';
import type { DiligenceExemptionParameters } from '../../policies/diligence-exemption/parameters';
import {
  ACTIONS,
  allFound,
  applyReviewAct,
  preliminaryFindings,
  requiredFindings,
  validateReviewAct,
} from '../../workflows/diligence-exemption-rules';
import type { ReviewActRequest, ReviewStage, ReviewView } from '../../workflows/diligence-exemption-definitions';
import { evidence, reviewRequest } from '../support/review-driver';

const pack = getPack('cn-diligence-exemption-2016@2016.1');
const params = pack.parameters as DiligenceExemptionParameters;
const roles: Partial<Record<ReviewStage, string[]>> = {
  acceptance: ['reviewer'],
  'evidence-review': ['reviewer'],
  determination: ['committee'],
  result: ['tto', 'admin'],
  'corrective-actions': ['tto', 'admin'],
};

function viewAt(stage: ReviewStage, open = true): ReviewView {
  return {
    caseId: 'r',
    kind: 'diligence-exemption',
    stage,
    pending: open && roles[stage] ? { stage, roles: roles[stage]!, dueAt: null, escalated: false } : null,
    policy: {} as ReviewView['policy'],
    request: reviewRequest(),
    lateApplication: false,
    open: [],
    findings: [],
    preliminary: null,
    determination: null,
    resultReference: null,
    correctiveActions: [],
    history: [],
  };
}
const required = requiredFindings(viewAt('acceptance'), params);
const act = (
  action: ReviewActRequest['action'],
  role: string,
  extra: Partial<ReviewActRequest> = {},
): ReviewActRequest => ({ action, actor: { id: 'p', role }, ...extra });
const finding = (subject: string, item: string, value: boolean | string) =>
  act('finding', 'reviewer', { subject, item, value: value as never, evidence: [evidence(`${item}.pdf`)] });
const refusal = (view: ReviewView, request: ReviewActRequest) => {
  try {
    validateReviewAct(view, params, required, request);
    return null;
  } catch (error) {
    const e = error as { type: string; details: unknown[] };
    return { type: e.type, field: e.details?.[0] };
  }
};

/** A review in evidence review with every item found (a clean negotiated deal) unless overridden. */
function allFoundView(over: Record<string, boolean | string> = {}): ReviewView {
  const view = viewAt('evidence-review');
  const unit: Record<string, boolean | string> = {
    pricing: 'negotiated',
    publicisedInUnit: true,
    publicisedOnExchange: true,
    collectiveDecision: true,
    internalRulesExist: true,
  };
  for (const r of required)
    applyReviewAct(
      view,
      required,
      finding(r.subject, r.item, over[`${r.subject}/${r.item}`] ?? (r.subject === 'unit' ? unit[r.item] : false)),
      'T',
    );
  return view;
}

test('a review needs every unit fact and every negative-list item per applicant', () => {
  expect(required).toHaveLength(5 + 2 * params.negativeList.length);
});

test.each([
  ['acceptance', act('accept', 'reviewer'), null],
  ['acceptance', act('decline', 'reviewer'), { type: 'invalid-input', field: 'reason' }],
  ['acceptance', act('accept', 'committee'), { type: 'forbidden', field: undefined }],
  ['acceptance', finding('unit', 'pricing', 'listing'), { type: 'invalid-state', field: undefined }],
  ['evidence-review', finding('unit', 'pricing', 'listing'), null],
  ['evidence-review', finding('unit', 'pricing', true), { type: 'invalid-input', field: 'value' }],
  ['evidence-review', finding('unit', 'collectiveDecision', 'yes'), { type: 'invalid-input', field: 'value' }],
  ['evidence-review', finding('Li Ming', 'bribery', true), { type: 'invalid-input', field: 'item' }],
  [
    'evidence-review',
    { ...finding('Li Ming', 'collusion', false), evidence: [] },
    { type: 'invalid-input', field: 'evidence' },
  ],
  ['result', act('apply-result', 'tto'), { type: 'invalid-input', field: 'reference' }],
  ['result', act('apply-result', 'tto', { reference: 'HR-7' }), null],
  [
    'corrective-actions',
    act('complete-action', 'tto', { actionId: 'CA-9' }),
    { type: 'invalid-input', field: 'actionId' },
  ],
  ['closed', act('accept', 'reviewer'), { type: 'invalid-state', field: undefined }],
] as Array<[ReviewStage, ReviewActRequest, { type: string; field?: string } | null]>)(
  'at %s: %o → %o',
  (stage, request, expected) => {
    expect(refusal(viewAt(stage), request)).toEqual(expected);
  },
);

test('the finding that completes the set closes the evidence review: a revision after it is refused', () => {
  const view = viewAt('evidence-review');
  for (const [i, r] of required.entries()) {
    expect(view.pending).not.toBeNull();
    applyReviewAct(view, required, finding(r.subject, r.item, r.item === 'pricing' ? 'negotiated' : i % 2 === 0), 'T');
  }
  expect(allFound(view, required)).toBe(true);
  expect(view.open).toEqual([]);
  expect(view.pending).toBeNull();
  expect(refusal(view, finding('Li Ming', 'collusion', true))).toEqual({ type: 'invalid-state', field: undefined });
});

test('a revision before the set is complete counts as the latest finding', () => {
  const view = allFoundView();
  view.findings.pop(); // the last item not yet found
  view.pending = { stage: 'evidence-review', roles: ['reviewer'], dueAt: null, escalated: false };
  applyReviewAct(view, required, finding('Li Ming', 'collusion', true), 'T');
  expect(view.findings.filter((f) => f.subject === 'Li Ming' && f.item === 'collusion').map((f) => f.value)).toEqual([
    false,
    true,
  ]);
});

test.each([
  [{}, ['exempt', 'exempt']],
  [{ 'Li Ming/collusion': true }, ['not-exempt', 'exempt']],
])('preliminary finding from the latest findings %o', (over, expected) => {
  const view = allFoundView(over);
  expect(preliminaryFindings(view, pack, '2026-11-20', []).map((p) => p.decision.decision)).toEqual(expected);
});

test('the committee may differ from the preliminary finding only with a reason, and must decide for every applicant', () => {
  const view = allFoundView();
  view.preliminary = preliminaryFindings(view, pack, '2026-11-20', []);
  view.stage = 'determination';
  view.pending = { stage: 'determination', roles: ['committee'], dueAt: null, escalated: false };
  const determine = (outcomes: Array<{ person: string; outcome: 'exempt' | 'partly' | 'not'; reason?: string }>) =>
    act('determine', 'committee', { outcomes });
  expect(
    refusal(
      view,
      determine([
        { person: 'Li Ming', outcome: 'exempt' },
        { person: 'Zhao Hua', outcome: 'exempt' },
      ]),
    ),
  ).toBeNull();
  expect(
    refusal(
      view,
      determine([
        { person: 'Li Ming', outcome: 'partly' },
        { person: 'Zhao Hua', outcome: 'exempt' },
      ]),
    ),
  ).toEqual({ type: 'invalid-input', field: 'outcomes' });
  expect(
    refusal(
      view,
      determine([
        { person: 'Li Ming', outcome: 'partly', reason: 'late disclosure' },
        { person: 'Zhao Hua', outcome: 'exempt' },
      ]),
    ),
  ).toBeNull();
  expect(refusal(view, determine([{ person: 'Li Ming', outcome: 'exempt' }]))).toEqual({
    type: 'invalid-input',
    field: 'outcomes',
  });
  applyReviewAct(
    view,
    required,
    determine([
      { person: 'Li Ming', outcome: 'exempt' },
      { person: 'Zhao Hua', outcome: 'exempt' },
    ]),
    'T',
  );
  expect(view).toMatchObject({
    stage: 'result',
    pending: null,
    determination: { outcomes: [{ person: 'Li Ming' }, { person: 'Zhao Hua' }] },
  });
  expect(view.determination!.evidence.length).toBeGreaterThan(0);
});

// Who may take each action, every action of every stage asked by every role: the pack's step roles
// (corrective actions: its correctiveActionRoles) are let through, every other role is refused.
describe('role checks for every action', () => {
  const steps = params.process.steps as Partial<Record<ReviewStage, { roles: string[] }>>;
  const stepRoles = (stage: ReviewStage) => steps[stage]?.roles ?? roles[stage]!;
  const cases = (Object.keys(ACTIONS) as ReviewStage[]).flatMap((stage) =>
    ACTIONS[stage]!.flatMap((action) => ROLES.map((role) => [stage, action, role] as const)),
  );
  test.each(cases)('at %s, %s by %s', (stage, action, role) => {
    const view = viewAt(stage);
    const pendingRoles = action === 'complete-action' ? params.process.correctiveActionRoles : stepRoles(stage);
    view.pending = { stage, roles: pendingRoles, dueAt: null, escalated: false };
    const outcome = refusal(view, act(action, role, { reason: 'r', reference: 'x' }));
    if (pendingRoles.includes(role)) expect(outcome?.type).not.toBe('forbidden');
    else expect(outcome).toEqual({ type: 'forbidden', field: undefined });
  });
});
