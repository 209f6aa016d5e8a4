// Drives deferred licences directly through Temporal (workflow tests, history recorder, bench).
import type { Client, WorkflowHandle, WorkflowHandleWithFirstExecutionRunId } from '@temporalio/client';
import { contentHash } from '../../policies/canonical-json';
import { chinaDate } from '../../policies/dates';
import type { DeferredLicenceInput } from '../../policies/deferred-licence/input-schema';
import type { Guarantee, LicencePayment } from '../../policies/deferred-licence/terms-schema';
import {
  DEFERRED_LICENCE_WORKFLOW,
  licenceActUpdate,
  licenceViewQuery,
  licenceWorkflowId,
  type LicenceAction,
  type LicenceCaseInput,
  type LicenceStage,
  type LicenceRewardTerms,
  type LicenceView,
} from '../../workflows/deferred-licence-definitions';
import { eventually } from './rights-grant-driver';

export const LICENCE_PEOPLE = {
  tto: { id: 'tto-officer', role: 'tto' },
  admin: { id: 'admin-1', role: 'admin' },
  licensee: { id: 'liangjiang-sensors', role: 'licensee' },
  bank: { id: 'bank-ops', role: 'bank' },
};

export interface LicenceFixture {
  request: DeferredLicenceInput;
  payment: LicencePayment;
  guarantee: Guarantee | null;
  /** Reward terms: the licence's payments then start reward cases. */
  reward?: LicenceRewardTerms;
}

/** A 200-person software firm, licence effective on the given day (default: today in China). */
export function licenceFixture(
  overrides: {
    effectiveOn?: string;
    trigger?: 'anniversary' | 'first-revenue';
    freeMonths?: number;
    payment?: LicencePayment;
    guarantee?: Guarantee | null;
  } = {},
): LicenceFixture {
  const effectiveOn = overrides.effectiveOn ?? chinaDate(Date.now());
  const trigger = overrides.trigger ?? 'anniversary';
  const payment = overrides.payment ?? { feeCny: 300_000, instalments: 3, intervalMonths: 12 };
  return {
    request: {
      asOf: effectiveOn,
      licensee: {
        name: 'Liangjiang Sensors Ltd.',
        industry: 'software-it',
        employees: 200,
        annualRevenueCny: 80_000_000,
      },
      result: { valid: true, separatelyManaged: true, openLicence: false },
      terms: {
        effectiveOn,
        model: 'royaltyRate' in payment ? 'zero-entry-royalty' : 'deferred-fee',
        trigger,
        ...(trigger === 'anniversary' ? { freeMonths: overrides.freeMonths ?? 12 } : {}),
        exclusive: false,
      },
    },
    payment,
    guarantee:
      overrides.guarantee === undefined
        ? { kind: 'insurance', provider: 'PICC Chongqing', reference: 'POL-7731' }
        : overrides.guarantee,
  };
}

/** The start input of a licence launched from a fixture. */
export function licenceInput(caseId: string, f: LicenceFixture = licenceFixture()): LicenceCaseInput {
  return {
    caseId,
    request: f.request,
    payment: f.payment,
    guarantee: f.guarantee,
    requestHash: contentHash(f.request),
    openedBy: LICENCE_PEOPLE.tto,
    ...(f.reward ? { reward: f.reward } : {}),
  };
}

export function startLicence(
  client: Client,
  taskQueue: string,
  caseId: string,
  f: LicenceFixture = licenceFixture(),
  /** What else the start input carries (e.g. the pack chosen at submission, as the API sends it). */
  extra: Partial<LicenceCaseInput> = {},
): Promise<WorkflowHandleWithFirstExecutionRunId> {
  return client.workflow.start(DEFERRED_LICENCE_WORKFLOW, {
    taskQueue,
    workflowId: licenceWorkflowId(caseId),
    args: [{ ...licenceInput(caseId, f), ...extra }],
  });
}

export async function licenceAct(
  handle: WorkflowHandle,
  who: keyof typeof LICENCE_PEOPLE,
  action: LicenceAction,
  updateId?: string,
): Promise<LicenceView> {
  try {
    await handle.executeUpdate(licenceActUpdate, { args: [{ ...action, actor: LICENCE_PEOPLE[who] }], updateId });
    return await handle.query(licenceViewQuery);
  } catch (error) {
    const cause = (error as { cause?: { message?: string; type?: string } }).cause;
    throw new Error(cause?.message ? `${cause.type}: ${cause.message}` : (error as Error).message);
  }
}

export const licenceView = (handle: WorkflowHandle) => handle.query(licenceViewQuery);

/**
 * Polls the view until `ok`. A query can arrive while a run's first task is still resolving its
 * pack (before the handler exists) — the API retries those; so does this.
 */
export async function reachLicence(
  handle: WorkflowHandle,
  ok: (v: LicenceView) => boolean,
  what: string,
): Promise<LicenceView> {
  return (await eventually(
    () => handle.query(licenceViewQuery).catch(() => null),
    (v) => v !== null && ok(v),
    what,
  ))!;
}

export const atStage = (stage: LicenceStage) => (v: LicenceView) => v.stage === stage;

/** Contract signed and registered: the licence is in free use (or, launched late, already paying). */
export async function signAndRegister(handle: WorkflowHandle, expect: LicenceStage = 'free-use'): Promise<LicenceView> {
  await reachLicence(handle, atStage('contract'), 'reached contract');
  await licenceAct(handle, 'tto', { action: 'sign', reference: 'LIC-2026-001' });
  await licenceAct(handle, 'tto', { action: 'register', reference: '2026500001000123' });
  return reachLicence(handle, atStage(expect), `reached ${expect}`);
}
