// A licence's payments flowing into reward cases (先转化后奖励): each payment goes to the reward
// case of the period the unit's rule names (batchMonths; 0 or none: one case per payment). The
// first payment of a period starts that case as a child the licence abandons (it outlives the
// licence's runs); later payments of the period are signalled to it. Which payments went where is
// kept in the licence's view, so a continued run never forwards one twice. Pure but for the two
// Temporal calls, and called only for licences launched with reward terms.
import { getExternalWorkflowHandle, ParentClosePolicy, startChild } from '@temporalio/workflow';
import { contentHash } from '../policies/canonical-json';
import { addMonths } from '../policies/dates';
import { sha256Hex } from '../policies/sha256';
import type { RewardInput } from '../policies/reward/input-schema';
import { SEARCH_ATTRIBUTES } from './definitions';
import { SYSTEM } from './case-process';
import type {
  LicencePaymentRecord,
  LicenceRewardTerms,
  LicenceView,
  RewardCarry,
} from './deferred-licence-definitions';
import {
  type EquityRecord,
  rewardIncomeSignal,
  rewardWorkflowId,
  type RewardCaseInput,
  type RewardIncomeItem,
} from './transformation-reward-definitions';
import { transformationReward } from './transformation-reward';

/** The reward case a payment belongs to, and (for a period) the day its collection ends. */
export function rewardBatch(
  licenceId: string,
  terms: LicenceRewardTerms,
  payment: Pick<LicencePaymentRecord, 'reference' | 'on'>,
): { caseId: string; until: string | null } {
  const months = terms.unit.rule?.batchMonths ?? 0;
  let key: string;
  let until: string | null = null;
  if (months === 0) {
    key = payment.reference.replace(/[^A-Za-z0-9._-]/g, '_');
  } else {
    // Periods are aligned to the calendar year: months 1–3, 4–6… for a quarter.
    const [y, m] = payment.on.split('-').map(Number);
    const first = Math.floor((m - 1) / months) * months + 1;
    key = `${y}-${String(first).padStart(2, '0')}`;
    until = addMonths(`${key}-01`, months);
  }
  return { caseId: rewardCaseId(licenceId, key), until };
}

/** A reward case's id under its licence: `<licence>.rw-<key>`, hashed when longer than a case id may be. */
function rewardCaseId(licenceId: string, key: string): string {
  const caseId = `${licenceId}.rw-${key}`;
  return caseId.length <= 64 ? caseId : `${licenceId.slice(0, 40)}.rw-${sha256Hex(caseId).slice(0, 16)}`;
}

/** The reward case holding a converted licence's equity record: one per licence (a licence converts once). */
export function equityCaseId(licenceId: string): string {
  return rewardCaseId(licenceId, 'equity');
}

function rewardCaseInput(
  caseId: string,
  licenceId: string,
  terms: LicenceRewardTerms,
  item: RewardIncomeItem,
  until: string | null,
  registered: boolean,
): RewardCaseInput {
  const request: RewardInput = {
    jurisdiction: terms.jurisdiction,
    unit: terms.unit,
    income: { kind: 'licence', grossCny: Number(item.amountCny), receivedOn: item.on, contractRegistered: registered },
    team: terms.team,
    ...(until ? {} : { asOf: item.on }),
  };
  return {
    caseId,
    request,
    requestHash: contentHash(request),
    openedBy: SYSTEM,
    source: {
      licenceCaseId: licenceId,
      ...(terms.rightsGrantCaseId ? { rightsGrantCaseId: terms.rightsGrantCaseId } : {}),
    },
    splitAgreed: terms.rightsGrantCaseId !== undefined,
    ...(until ? { collect: { until, income: [item] } } : {}),
  };
}

/** Starts the batch case with its first payment, or signals a later payment to the case already started. */
async function sendToBatch(
  view: LicenceView,
  licenceId: string,
  terms: LicenceRewardTerms,
  batch: { caseId: string; until: string | null },
  item: RewardIncomeItem,
): Promise<void> {
  const cases = (view.rewardCases ??= []);
  const known = cases.find((c) => c.caseId === batch.caseId);
  if (known) {
    await getExternalWorkflowHandle(rewardWorkflowId(batch.caseId)).signal(rewardIncomeSignal, item);
    known.payments.push(item.reference);
    return;
  }
  await startChild(transformationReward, {
    workflowId: rewardWorkflowId(batch.caseId),
    args: [rewardCaseInput(batch.caseId, licenceId, terms, item, batch.until, view.registrationNumber !== null)],
    parentClosePolicy: ParentClosePolicy.ABANDON,
    typedSearchAttributes: [
      { key: SEARCH_ATTRIBUTES.caseKind, value: 'reward' },
      { key: SEARCH_ATTRIBUTES.jurisdiction, value: terms.jurisdiction.city ?? terms.jurisdiction.province },
    ],
  });
  cases.push({ caseId: batch.caseId, payments: [item.reference] });
}

/**
 * Payments a batch received after it had closed go to the batch of the period that follows its
 * end (a payment recorded on a period's last evening, forwarded after midnight). A batch that
 * closed too carries it on in turn, so each payment ends in the first batch still collecting.
 * Each (payment, batch) once. Returns whether the view changed.
 */
export async function carryLateRewardIncome(
  view: LicenceView,
  licenceId: string,
  terms: LicenceRewardTerms,
  carries: RewardCarry[],
): Promise<boolean> {
  let changed = false;
  for (const c of carries) {
    const done = (view.rewardCarried ??= []);
    if (done.some((d) => d.reference === c.item.reference && d.from === c.fromCaseId)) continue;
    const next = rewardBatch(licenceId, terms, { reference: c.item.reference, on: c.until });
    if (next.caseId === c.fromCaseId) continue; // one case per payment: no next period to carry into
    await sendToBatch(view, licenceId, terms, next, c.item);
    done.push({ reference: c.item.reference, from: c.fromCaseId, to: next.caseId });
    changed = true;
  }
  return changed;
}

/** Forwards every payment not yet forwarded; returns whether the view changed (to be saved). */
export async function forwardPaymentsToRewards(
  view: LicenceView,
  licenceId: string,
  terms: LicenceRewardTerms,
): Promise<boolean> {
  const cases = (view.rewardCases ??= []);
  let changed = false;
  for (const p of view.payments) {
    if (cases.some((c) => c.payments.includes(p.reference))) continue;
    const item: RewardIncomeItem = { reference: p.reference, amountCny: p.amountCny, on: p.on };
    await sendToBatch(view, licenceId, terms, rewardBatch(licenceId, terms, p), item);
    changed = true;
  }
  return changed;
}

/**
 * A licence converted to equity (以权代股 / 作价投资) opens its equity record: a reward case of kind
 * equity for the shares taken, started as an abandoned child like a payment batch (it outlives the
 * licence), under one id per licence so a replay or retry never opens a second. The team and the
 * unit's rule are the licence's reward terms; the decision date is the conversion day.
 */
export async function openEquityCase(
  view: LicenceView,
  licenceId: string,
  terms: LicenceRewardTerms,
  equity: EquityRecord,
  on: string,
): Promise<void> {
  if (view.equityCase) return;
  const caseId = equityCaseId(licenceId);
  const request: RewardInput = {
    asOf: on,
    jurisdiction: terms.jurisdiction,
    unit: terms.unit,
    income: {
      kind: 'equity',
      shares: equity.shares,
      receivedOn: on,
      contractRegistered: view.registrationNumber !== null,
    },
    team: terms.team,
  };
  const input: RewardCaseInput = {
    caseId,
    request,
    requestHash: contentHash({ ...request, equity }),
    openedBy: SYSTEM,
    source: {
      licenceCaseId: licenceId,
      ...(terms.rightsGrantCaseId ? { rightsGrantCaseId: terms.rightsGrantCaseId } : {}),
    },
    splitAgreed: terms.rightsGrantCaseId !== undefined,
    equity,
  };
  await startChild(transformationReward, {
    workflowId: rewardWorkflowId(caseId),
    args: [input],
    parentClosePolicy: ParentClosePolicy.ABANDON,
    typedSearchAttributes: [
      { key: SEARCH_ATTRIBUTES.caseKind, value: 'reward' },
      { key: SEARCH_ATTRIBUTES.jurisdiction, value: terms.jurisdiction.city ?? terms.jurisdiction.province },
    ],
  });
  view.equityCase = { caseId, equity };
}
