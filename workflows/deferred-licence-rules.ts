// The rules of the licence's `act` update, checked before anything is recorded: which actions
// each stage takes, who may take them, and what each must carry. Pure, so the workflow's
// validator is one call and the rules read in one place.
import Decimal from 'decimal.js';
import { ApplicationFailure } from '@temporalio/workflow';
import type { LicenceProcess } from '../policies/deferred-licence/parameters';
import { isRoyalty } from '../policies/deferred-licence/terms-schema';
import type { LicenceActionName, LicenceActRequest, LicenceStage, LicenceView } from './deferred-licence-definitions';

export const NEEDS_REASON: LicenceActionName[] = ['resume', 'terminate', 'patent-lapsed', 'convert'];
export const LICENSEE_ACTIONS: LicenceActionName[] = ['report-usage', 'report-revenue'];
export const ENDING: LicenceActionName[] = ['terminate', 'patent-lapsed'];

/** Which actions each stage accepts. */
export const ACTIONS: Partial<Record<LicenceStage, LicenceActionName[]>> = {
  contract: ['sign', ...ENDING],
  registration: ['register', ...ENDING],
  'free-use': [...LICENSEE_ACTIONS, 'record-payment', ...ENDING], // a payment in advance is credit
  paying: [...LICENSEE_ACTIONS, 'record-payment', ...ENDING],
  default: [...LICENSEE_ACTIONS, 'record-payment', 'resume', ...ENDING],
  'term-end': ['record-payment', 'convert', 'renew', 'close', ...ENDING],
};

/** What each ending action turns the licence into. */
export const ENDS: Partial<Record<LicenceActionName, LicenceStage>> = { terminate: 'terminated', 'patent-lapsed': 'lapsed', convert: 'converted', close: 'completed' };

/** Throws an ApplicationFailure (invalid-state, forbidden or invalid-input, naming the field) when the action may not be taken. */
export function validateLicenceAct(view: LicenceView, proc: LicenceProcess, act: LicenceActRequest): void {
  const allowed = ACTIONS[view.stage] ?? [];
  if (!allowed.includes(act.action)) {
    throw ApplicationFailure.create({ type: 'invalid-state', message: `the licence is at ${view.stage}: ${act.action} is not possible (allowed: ${allowed.join(', ') || 'nothing'})` });
  }
  const roles = act.action === 'sign' || act.action === 'register' ? view.pending?.roles ?? [] : LICENSEE_ACTIONS.includes(act.action) ? proc.licenseeRoles : proc.officeRoles;
  if (!roles.includes(act.actor.role)) {
    throw ApplicationFailure.create({ type: 'forbidden', message: `role ${act.actor.role} may not ${act.action} at ${view.stage} (allowed: ${roles.join(', ')})` });
  }
  const invalid = (field: string, message: string) => ApplicationFailure.create({ type: 'invalid-input', message, details: [field] });
  if (NEEDS_REASON.includes(act.action) && !act.reason?.trim()) throw invalid('reason', `${act.action} needs a reason`);
  if ((act.action === 'sign' || act.action === 'register' || act.action === 'record-payment') && !act.reference?.trim()) {
    throw invalid('reference', `${act.action} needs a reference (${act.action === 'sign' ? 'contract number' : act.action === 'register' ? 'registration number' : 'bank or receipt reference'})`);
  }
  if (act.action === 'record-payment' || act.action === 'report-revenue') {
    if (act.amountCny === undefined) throw invalid('amountCny', `${act.action} needs amountCny`);
    const amount = new Decimal(act.amountCny);
    if (act.action === 'record-payment' && !amount.gt(0)) throw invalid('amountCny', 'a payment must be greater than 0');
    if (amount.lt(0)) throw invalid('amountCny', 'revenue must not be negative');
  }
  if (act.action === 'record-payment') {
    if (!act.payer?.trim()) throw invalid('payer', 'record-payment needs the payer');
    const dup = view.payments.find((p) => p.reference === act.reference);
    if (dup && (!new Decimal(dup.amountCny).eq(act.amountCny!) || dup.payer !== act.payer)) {
      throw invalid('reference', `payment ${act.reference} was already recorded as ${dup.amountCny} from ${dup.payer}: a different payment needs its own reference`);
    }
  }
  if (act.action === 'renew') {
    if (!act.renewal) throw invalid('renewal', 'renew needs the new payment terms');
    if (isRoyalty(act.renewal) !== isRoyalty(view.payment)) throw invalid('renewal', `a renewal keeps the payment model (${isRoyalty(view.payment) ? 'royalty' : 'deferred fee'})`);
  }
}
