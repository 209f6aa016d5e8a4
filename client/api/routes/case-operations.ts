// The operations of the cases routes, as the OpenAPI document and the role checks read them:
// launching each kind of case, reading, acting, history, and each role's inbox.
import { z } from 'zod';
import { caseActionSchema, rightsGrantCaseSchema } from '../../rights-grants';
import { deferredLicenceCaseSchema, licenceActionSchema } from '../../licences';
import { reviewActionSchema, reviewCaseSchema } from '../../reviews';
import { rewardActionSchema, rewardCaseSchema } from '../../rewards';
import { EXAMPLE_REWARD } from '../../../policies/reward/example-request';
import { ROLES, type Role } from '../auth';
import { ANY_ROLE, ERROR, input, type Operation } from '../operation';
import { EXAMPLE_RIGHTS_GRANT } from '../../../policies/rights-grant/example-request';
import { EXAMPLE_LICENCE } from '../../../policies/deferred-licence/example-request';

export const tasksQuery = z
  .object({
    role: z.enum(ROLES).optional().describe('admin only: another role'),
    limit: z.coerce.number().int().min(1).max(500).default(100),
  })
  .strict();

const TAGS = ['cases'];
const READ_ROLES = ['tto', 'admin', 'auditor', 'department', 'committee', 'licensee', 'reviewer'] as const;
const NO_CASE = { description: 'No such case', json: ERROR };
const CASE_ID_TAKEN = { description: 'caseId used for a different request', json: ERROR };

/** Launching a kind of case: who may, its request schema and example, and what the answer holds. */
function launchOperation(
  kind: string,
  o: { roles: readonly Role[]; summary: string; schema: [string, z.ZodType]; example: object; answer: string },
) {
  const opened = kind === 'diligence-exemption' ? 'Opened' : 'Launched';
  return {
    method: 'post',
    path: `/v1/cases/${kind}`,
    tags: TAGS,
    roles: o.roles,
    action: `launch ${kind} cases`,
    summary: o.summary,
    body: { json: [input(...o.schema)], example: o.example },
    responses: {
      '201': { description: `${opened}: the ${o.answer} view` },
      '200': { description: `Already ${opened.toLowerCase()} with this request: the ${o.answer} view` },
      '409': CASE_ID_TAKEN,
    },
  } satisfies Operation;
}

/** Launching, one operation per kind of case: each kind names who may launch it. */
export const LAUNCH_OPERATIONS = {
  'rights-grant': launchOperation('rights-grant', {
    roles: ['tto', 'admin'],
    summary: 'Launch a rights-grant case; idempotent on caseId',
    schema: ['RightsGrantCaseRequest', rightsGrantCaseSchema],
    example: { caseId: 'hfut-2026-001', ...EXAMPLE_RIGHTS_GRANT },
    answer: 'case',
  }),
  'deferred-licence': launchOperation('deferred-licence', {
    roles: ['tto', 'admin'],
    summary: 'Launch a use-first-pay-later licence; idempotent on caseId',
    schema: ['DeferredLicenceCaseRequest', deferredLicenceCaseSchema],
    example: {
      caseId: 'cqu-lic-2026-001',
      ...EXAMPLE_LICENCE,
      payment: { feeCny: 300000, instalments: 3, intervalMonths: 12 },
      guarantee: { kind: 'insurance', provider: 'PICC Chongqing' },
    },
    answer: 'licence',
  }),
  'diligence-exemption': launchOperation('diligence-exemption', {
    roles: ['tto', 'admin', 'reviewer'],
    summary:
      'Open a due-diligence exemption review, optionally raised from a rights-grant or licence case; idempotent on caseId',
    schema: ['ReviewCaseRequest', reviewCaseSchema],
    example: {
      caseId: 'review-2026-003',
      trigger: { kind: 'reported-loss', description: 'licensed patent written down by 60 %', reportedOn: '2026-11-01' },
      linkedCaseId: 'cqu-lic-2026-001',
      transfer: { title: 'Licence of CN2023100001', pricing: 'negotiated', decidedOn: '2025-03-10' },
      applicants: [{ name: 'Li Ming', role: 'leader' }],
    },
    answer: 'review',
  }),
  reward: launchOperation('reward', {
    roles: ['tto', 'admin'],
    summary:
      'Launch a reward case (先转化后奖励) for income received; the team from a rights grant (rightsGrantCaseId) or a written split every member confirms; idempotent on caseId',
    schema: ['RewardCaseRequest', rewardCaseSchema],
    example: { caseId: 'zju-reward-2026-001', ...EXAMPLE_REWARD },
    answer: 'reward case',
  }),
} satisfies Record<string, Operation>;

/** Any role that may launch some kind: an unknown kind is a 400 only to those, a 403 to the rest. */
export const LAUNCH_ANY = {
  roles: [...new Set(Object.values(LAUNCH_OPERATIONS).flatMap((o) => o.roles))],
  action: 'launch cases',
};

export const CASE_OPERATIONS = {
  read: {
    method: 'get',
    path: '/v1/cases/{id}',
    tags: TAGS,
    roles: READ_ROLES,
    action: 'read cases',
    scope: 'case-id',
    pathParams: ['id'],
    summary:
      'A case: stage, pending step, who may act, deadlines, decisions; linkedReviews lists exemption reviews raised from it',
    responses: { '200': { description: 'The case view' }, '404': NO_CASE },
  },
  act: {
    method: 'post',
    path: '/v1/cases/{id}/actions',
    tags: TAGS,
    roles: ['tto', 'admin', 'department', 'committee', 'licensee', 'reviewer'],
    action: 'act on cases',
    scope: 'case-id',
    pathParams: ['id'],
    summary: 'Decide a step (the step says which role): the actor is the API key',
    body: {
      json: [
        input('CaseAction', caseActionSchema),
        input('LicenceAction', licenceActionSchema),
        input('ReviewAction', reviewActionSchema),
        input('RewardAction', rewardActionSchema),
      ],
      example: { action: 'approve' },
    },
    responses: {
      '200': { description: 'The case view after the decision' },
      '404': NO_CASE,
      '409': { description: 'Not possible at this stage, or the case has ended', json: ERROR },
    },
  },
  history: {
    method: 'get',
    path: '/v1/cases/{id}/history',
    tags: TAGS,
    roles: READ_ROLES,
    action: 'read case histories',
    scope: 'case-id',
    pathParams: ['id'],
    summary: 'Decisions with actor, role, time and pack, and the audit log',
    responses: { '200': { description: 'History' }, '404': NO_CASE },
  },
  tasks: {
    method: 'get',
    path: '/v1/tasks',
    tags: TAGS,
    roles: ANY_ROLE,
    action: 'read tasks',
    scope: 'listing',
    query: tasksQuery,
    summary: 'What a role must decide now, soonest due first (own role; admin may name any)',
    responses: { '200': { description: 'Tasks' } },
  },
} satisfies Record<string, Operation>;
