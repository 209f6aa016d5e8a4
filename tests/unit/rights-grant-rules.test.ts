// The rights grant's act rules, without a server: who may do what in which stage, what each action
// must carry, and what each does to the case — including that the step it ends closes at once.
import { getPack } from '../../policies/registry';
import { ROLES } from '../../client/api/auth';
import type { RightsGrantParameters } from '../../policies/rights-grant/parameters';
import { ACTIONS, applyRightsGrantAct, validateRightsGrantAct } from '../../workflows/rights-grant-rules';
import type {
  RightsGrantActRequest,
  RightsGrantStage,
  RightsGrantView,
} from '../../workflows/rights-grant-definitions';

const params = getPack('cn-hefei-metro-rights-grant@2025.1').parameters as RightsGrantParameters;
const roles: Partial<Record<RightsGrantStage, string[]>> = {
  'department-review': ['department'],
  'office-review': ['tto'],
  publicity: ['tto', 'department', 'admin'],
  'collective-decision': ['committee'],
  agreement: ['tto'],
  watch: ['tto'],
  'ltu-expiring': ['tto'],
};

function viewAt(stage: RightsGrantStage, open = true): RightsGrantView {
  return {
    caseId: 'c',
    kind: 'rights-grant',
    stage,
    pending: open && roles[stage] ? { stage, roles: roles[stage]!, dueAt: null, escalated: false } : null,
    eligibility: {} as RightsGrantView['eligibility'],
    objections: [],
    history: [],
    publicityEndsOn: null,
    agreementReference: null,
    ledgerRegisteredAt: null,
    commercialisedAt: null,
    ltuExpiresOn: '2036-03-02',
  };
}
const act = (
  action: RightsGrantActRequest['action'],
  role: string,
  extra: Partial<RightsGrantActRequest> = {},
): RightsGrantActRequest => ({ action, actor: { id: 'p', role }, ...extra });
const refusal = (fn: () => void) => {
  try {
    fn();
    return null;
  } catch (error) {
    const e = error as { type: string; details: unknown[] };
    return { type: e.type, field: e.details?.[0] };
  }
};

test.each([
  ['department-review', act('approve', 'department'), null],
  ['department-review', act('reject', 'department', { reason: 'not a job invention' }), null],
  ['department-review', act('reject', 'department'), { type: 'invalid-input', field: 'reason' }],
  ['department-review', act('reject', 'department', { reason: '  ' }), { type: 'invalid-input', field: 'reason' }],
  ['department-review', act('approve', 'tto'), { type: 'forbidden', field: undefined }],
  ['department-review', act('sign', 'tto', { reference: 'A' }), { type: 'invalid-state', field: undefined }],
  ['office-review', act('approve', 'tto'), null],
  ['publicity', act('object', 'department', { reason: 'split disputed' }), null],
  ['publicity', act('object', 'admin', { reason: 'split disputed' }), null],
  ['publicity', act('object', 'committee', { reason: 'split disputed' }), { type: 'forbidden', field: undefined }],
  ['publicity', act('object', 'department'), { type: 'invalid-input', field: 'reason' }],
  ['publicity', act('approve', 'tto'), { type: 'invalid-state', field: undefined }],
  ['collective-decision', act('approve', 'committee'), null],
  ['agreement', act('sign', 'tto', { reference: 'AGR-1' }), null],
  ['agreement', act('sign', 'tto'), { type: 'invalid-input', field: 'reference' }],
  ['watch', act('report-commercialised', 'tto'), null],
  ['watch', act('extend', 'tto', { reason: 'still in use' }), { type: 'invalid-state', field: undefined }],
  ['ltu-expiring', act('extend', 'tto', { reason: 'still in use' }), null],
  ['ltu-expiring', act('decline-extension', 'tto'), { type: 'invalid-input', field: 'reason' }],
  ['rejected', act('approve', 'department'), { type: 'invalid-state', field: undefined }],
] as Array<[RightsGrantStage, RightsGrantActRequest, { type: string; field?: string } | null]>)(
  'at %s: %o → %o',
  (stage, request, expected) => {
    expect(refusal(() => validateRightsGrantAct(viewAt(stage), params, request))).toEqual(expected);
  },
);

test.each(Object.keys(ACTIONS) as RightsGrantStage[])(
  'at %s, every action is refused once the step has closed',
  (stage) => {
    for (const action of ACTIONS[stage]!) {
      expect(
        refusal(() =>
          validateRightsGrantAct(viewAt(stage, false), params, act(action, 'admin', { reason: 'r', reference: 'x' })),
        ),
      ).toEqual({ type: 'invalid-state', field: undefined });
    }
  },
);

test.each([
  ['department-review', act('approve', 'department'), { stage: 'department-review', pending: null }],
  ['department-review', act('reject', 'department', { reason: 'r' }), { stage: 'rejected', pending: null }],
  [
    'publicity',
    act('object', 'department', { reason: 'split disputed' }),
    {
      stage: 'publicity',
      pending: null,
      objections: [{ reason: 'split disputed', actor: { id: 'p', role: 'department' }, at: 'T' }],
    },
  ],
  ['agreement', act('sign', 'tto', { reference: 'AGR-1' }), { pending: null, agreementReference: 'AGR-1' }],
  [
    'watch',
    act('report-commercialised', 'tto'),
    { stage: 'watch', pending: { stage: 'watch' }, commercialisedAt: 'T' },
  ],
  [
    'ltu-expiring',
    act('extend', 'tto', { reason: 'in use' }),
    { stage: 'watch', pending: null, ltuExpiresOn: '2046-03-02' },
  ],
  ['ltu-expiring', act('decline-extension', 'tto', { reason: 'done' }), { stage: 'expired', pending: null }],
] as Array<[RightsGrantStage, RightsGrantActRequest, Partial<RightsGrantView>]>)(
  'at %s, %o leaves the case as %o',
  (stage, request, expected) => {
    const view = viewAt(stage);
    applyRightsGrantAct(view, params, request, 'T');
    expect(view).toMatchObject(expected);
  },
);

// Who may take each action, every action of every stage asked by every role: the pack's own step
// roles (objections: its objectionRoles) are let through, every other role is refused as forbidden.
describe('role checks for every action', () => {
  const stepRoles = (stage: RightsGrantStage) =>
    params.process.steps[stage as keyof typeof params.process.steps]?.roles ?? roles[stage]!;
  const cases = (Object.keys(ACTIONS) as RightsGrantStage[]).flatMap((stage) =>
    ACTIONS[stage]!.flatMap((action) => ROLES.map((role) => [stage, action, role] as const)),
  );
  test.each(cases)('at %s, %s by %s', (stage, action, role) => {
    const view = viewAt(stage);
    view.pending = { stage, roles: stepRoles(stage), dueAt: null, escalated: false };
    const allowed = action === 'object' ? params.process.objectionRoles : stepRoles(stage);
    const outcome = refusal(() =>
      validateRightsGrantAct(view, params, act(action, role, { reason: 'r', reference: 'x' })),
    );
    expect(outcome).toEqual(allowed.includes(role) ? null : { type: 'forbidden', field: undefined });
  });
});
