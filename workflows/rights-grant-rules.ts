// The rules of a rights grant's `act` update: which actions each stage takes, who may take them,
// what each must carry, and what each does to the case. Pure (no I/O, no timers), so the
// workflow's validator and handler are one call each and the rules are table-tested directly.
import type { HumanStep, RightsGrantParameters } from '../policies/rights-grant/parameters';
import { addMonths } from '../policies/dates';
import { refuseUnlessOpen, refuseUnlessRole } from './case-process';
import { FAILURE, refusal } from './failures';
import type {
  RightsGrantActRequest,
  RightsGrantActionName,
  RightsGrantStage,
  RightsGrantView,
} from './rights-grant-definitions';

export const NEEDS_REASON: readonly RightsGrantActionName[] = ['reject', 'object', 'extend', 'decline-extension'];

/** Where an approved (or signed) step leads. */
export const NEXT: Record<HumanStep, HumanStep | 'publicity' | 'registration'> = {
  'department-review': 'office-review',
  'office-review': 'publicity',
  'collective-decision': 'agreement',
  agreement: 'registration',
};

/** Which actions each stage accepts. */
export const ACTIONS: Partial<Record<RightsGrantStage, readonly RightsGrantActionName[]>> = {
  'department-review': ['approve', 'reject'],
  'office-review': ['approve', 'reject'],
  publicity: ['object'],
  'collective-decision': ['approve', 'reject'],
  agreement: ['sign'],
  watch: ['report-commercialised'],
  'ltu-expiring': ['report-commercialised', 'extend', 'decline-extension'],
};

/** Actions that end the step they are taken in (the watch takes repeated reports). */
const CLOSES_STEP: readonly RightsGrantActionName[] = [
  'approve',
  'reject',
  'object',
  'sign',
  'extend',
  'decline-extension',
];

/** Throws a refusal (invalid-state, forbidden, or invalid-input naming the field) when the action may not be taken. */
export function validateRightsGrantAct(
  view: RightsGrantView,
  params: RightsGrantParameters,
  act: RightsGrantActRequest,
): void {
  refuseUnlessOpen(view, act.action, ACTIONS[view.stage] ?? []);
  const roles = act.action === 'object' ? params.process.objectionRoles : (view.pending?.roles ?? []);
  refuseUnlessRole(act.actor.role, roles, act.action, view.stage);
  if (NEEDS_REASON.includes(act.action) && !act.reason?.trim())
    throw refusal(FAILURE.invalidInput, `${act.action} needs a reason`, 'reason');
  if (act.action === 'sign' && !act.reference?.trim())
    throw refusal(FAILURE.invalidInput, 'sign needs the agreement reference', 'reference');
}

/** Applies an accepted action to the case, synchronously: the step it ends is closed at once. */
export function applyRightsGrantAct(
  view: RightsGrantView,
  params: RightsGrantParameters,
  act: RightsGrantActRequest,
  at: string,
): void {
  if (act.action === 'object') {
    view.objections.push({ reason: act.reason!, actor: act.actor, at });
  } else if (act.action === 'reject' || act.action === 'decline-extension') {
    view.stage = act.action === 'reject' ? 'rejected' : 'expired';
  } else if (act.action === 'sign') {
    view.agreementReference = act.reference ?? null;
  } else if (act.action === 'report-commercialised') {
    view.commercialisedAt = at;
  } else if (act.action === 'extend') {
    view.ltuExpiresOn = addMonths(view.ltuExpiresOn!, params.process.watch.ltuExtensionYears * 12);
    view.stage = 'watch';
  }
  if (CLOSES_STEP.includes(act.action)) view.pending = null;
}
