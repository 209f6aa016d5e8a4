// The rules of an exemption review's `act` update and its preliminary finding: which actions each
// stage takes, who may take them, what each must carry, what each does to the review, and how the
// evaluator's input is built from the latest findings. Pure, so both are table-tested directly.
import type { DiligenceExemptionInput } from '../policies/diligence-exemption/input-schema';
import { evaluateDiligenceExemption } from '../policies/diligence-exemption/evaluate';
import type { DiligenceExemptionParameters } from '../policies/diligence-exemption/parameters';
import type { PolicyPack, SelectionNote } from '../policies/types';
import { refuseUnlessOpen, refuseUnlessRole } from './case-process';
import { FAILURE, refusal } from './failures';
import {
  UNIT_ITEMS,
  type EvidenceRef,
  type Finding,
  type Outcome,
  type ReviewActionName,
  type ReviewActRequest,
  type ReviewRecord,
  type ReviewStage,
  type ReviewView,
} from './diligence-exemption-definitions';

const CONDUCT = [
  'illegalGain',
  'collusion',
  'relatedPartyUndisclosed',
  'falsified',
  'actedAfterBan',
  'secrecyBreach',
] as const;

/** Which actions each stage accepts. */
export const ACTIONS: Partial<Record<ReviewStage, readonly ReviewActionName[]>> = {
  acceptance: ['accept', 'decline'],
  'evidence-review': ['finding'],
  determination: ['determine'],
  result: ['apply-result'],
  'corrective-actions': ['complete-action'],
};

/** The preliminary finding maps onto the committee's scale: anything else needs a written reason. */
const AGREES: Record<string, Outcome> = { exempt: 'exempt', 'not-exempt': 'not' };

export function agreesWithPreliminary(preliminary: string, outcome: Outcome): boolean {
  return Object.hasOwn(AGREES, preliminary) && AGREES[preliminary] === outcome;
}

export interface RequiredFinding {
  subject: string;
  item: string;
}

/** Every finding the review needs: each unit fact, and each negative-list item per applicant. */
export function requiredFindings(
  view: Pick<ReviewView, 'request'>,
  params: DiligenceExemptionParameters,
): RequiredFinding[] {
  return [
    ...UNIT_ITEMS.map((item) => ({ subject: 'unit', item })),
    ...view.request.applicants.flatMap((a) => params.negativeList.map((item) => ({ subject: a.name, item }))),
  ];
}

/** The finding that counts for an item: the latest revision. */
export function latestFinding(view: Pick<ReviewView, 'findings'>, subject: string, item: string): Finding | undefined {
  return view.findings.filter((f) => f.subject === subject && f.item === item).at(-1);
}

export function allFound(view: ReviewView, required: readonly RequiredFinding[]): boolean {
  return required.every((r) => latestFinding(view, r.subject, r.item) !== undefined);
}

/** Throws a refusal (invalid-state, forbidden, or invalid-input naming the field) when the action may not be taken. */
export function validateReviewAct(
  view: ReviewView,
  params: DiligenceExemptionParameters,
  required: readonly RequiredFinding[],
  act: ReviewActRequest,
): void {
  refuseUnlessOpen(view, act.action, ACTIONS[view.stage] ?? [], 'review');
  const invalid = (field: string, message: string) => refusal(FAILURE.invalidInput, message, field);
  refuseUnlessRole(
    act.actor.role,
    act.action === 'complete-action' ? params.process.correctiveActionRoles : (view.pending?.roles ?? []),
    act.action,
    view.stage,
  );
  if (act.action === 'decline' && !act.reason?.trim()) throw invalid('reason', 'decline needs a reason');
  if (act.action === 'apply-result' && !act.reference?.trim())
    throw invalid(
      'reference',
      'apply-result needs the reference of the record it was applied to (appraisal, audit, discipline file)',
    );
  if (act.action === 'finding') {
    if (!required.some((r) => r.subject === act.subject && r.item === act.item)) {
      throw invalid(
        'item',
        `nothing to find for ${act.subject}/${act.item}: items are unit/${UNIT_ITEMS.join(', unit/')} and <applicant>/${params.negativeList.join(', <applicant>/')}`,
      );
    }
    const isPricing = act.item === 'pricing';
    if (
      isPricing ? !['listing', 'auction', 'negotiated'].includes(String(act.value)) : typeof act.value !== 'boolean'
    ) {
      throw invalid(
        'value',
        isPricing ? 'pricing is found as listing, auction or negotiated' : `${act.item} is found true or false`,
      );
    }
    if (!act.evidence?.length) throw invalid('evidence', 'a finding cites at least one document (name and SHA-256)');
  }
  if (act.action === 'determine') {
    const names = view.request.applicants.map((a) => a.name);
    const given = (act.outcomes ?? []).map((o) => o.person);
    if (given.length !== names.length || names.some((n) => !given.includes(n)))
      throw invalid('outcomes', `determine one outcome for each applicant: ${names.join(', ')}`);
    for (const o of act.outcomes!) {
      const pre = view.preliminary!.find((p) => p.person === o.person)!;
      if (!agreesWithPreliminary(pre.decision.decision, o.outcome) && !o.reason?.trim()) {
        throw invalid(
          'outcomes',
          `${o.person}: the preliminary finding is ${pre.decision.decision}; "${o.outcome}" needs a written reason`,
        );
      }
    }
  }
  if (act.action === 'complete-action') {
    const ca = view.correctiveActions.find((c) => c.id === act.actionId);
    if (!ca)
      throw invalid(
        'actionId',
        `no corrective action ${act.actionId} (open: ${view.correctiveActions
          .filter((c) => !c.done)
          .map((c) => c.id)
          .join(', ')})`,
      );
    if (ca.done) throw refusal(FAILURE.invalidState, `corrective action ${ca.id} is already complete`);
  }
}

/**
 * Applies an accepted action to the review, synchronously, and returns the record it makes. The
 * step it ends is closed at once: the finding that completes the set closes the evidence review,
 * so the preliminary finding is computed from findings nobody can revise any more.
 */
export function applyReviewAct(
  view: ReviewView,
  required: readonly RequiredFinding[],
  act: ReviewActRequest,
  at: string,
): Omit<ReviewRecord, 'at' | 'policy'> {
  const stageBefore = view.stage;
  const base = {
    stage: stageBefore,
    action: act.action,
    actor: act.actor,
    reason: act.reason,
    reference: act.reference,
  };
  let record: Omit<ReviewRecord, 'at' | 'policy'> = base;
  if (act.action === 'accept') view.stage = 'evidence-review';
  else if (act.action === 'decline') view.stage = 'declined';
  else if (act.action === 'finding') {
    const finding: Finding = {
      subject: act.subject!,
      item: act.item!,
      value: act.value!,
      evidence: act.evidence!,
      note: act.note,
      actor: act.actor,
      at,
    };
    view.findings.push(finding);
    view.open = required.filter((r) => !latestFinding(view, r.subject, r.item));
    record = {
      ...base,
      subject: finding.subject,
      item: finding.item,
      evidence: finding.evidence,
      reason: `${String(finding.value)}${act.note ? `: ${act.note}` : ''}`,
    };
    if (view.open.length === 0) view.pending = null;
  } else if (act.action === 'determine') {
    const evidence = new Map<string, EvidenceRef>();
    for (const r of required)
      for (const e of latestFinding(view, r.subject, r.item)!.evidence) evidence.set(`${e.sha256}/${e.name}`, e);
    view.determination = { outcomes: act.outcomes!, evidence: [...evidence.values()], actor: act.actor, at };
    view.correctiveActions = (act.correctiveActions ?? []).map((c, i) => ({
      ...c,
      id: `CA-${i + 1}`,
      done: false,
      completedAt: null,
      reference: null,
      overdueNoticed: false,
    }));
    view.stage = 'result';
    record = {
      ...base,
      reason: act.outcomes!.map((o) => `${o.person}: ${o.outcome}${o.reason ? ` (${o.reason})` : ''}`).join('; '),
    };
  } else if (act.action === 'apply-result') {
    view.resultReference = act.reference!;
    view.stage = view.correctiveActions.length ? 'corrective-actions' : 'closed';
  } else if (act.action === 'complete-action') {
    const ca = view.correctiveActions.find((c) => c.id === act.actionId)!;
    ca.done = true;
    ca.completedAt = at;
    ca.reference = act.reference ?? null;
    if (view.correctiveActions.every((c) => c.done)) view.stage = 'closed';
    record = { ...base, subject: ca.id, reason: ca.description };
  }
  if (view.stage !== stageBefore) view.pending = null;
  return record;
}

/** The evaluator's preliminary finding per applicant, from the latest finding of every item. */
export function preliminaryFindings(
  view: ReviewView,
  pack: PolicyPack,
  asOf: string,
  notes: SelectionNote[],
): NonNullable<ReviewView['preliminary']> {
  const { request } = view;
  const unit = (item: string) => latestFinding(view, 'unit', item)!.value;
  return request.applicants.map((a) => {
    const evaluatorInput: DiligenceExemptionInput = {
      asOf,
      jurisdiction: request.jurisdiction,
      person: a,
      transfer: {
        pricing: unit('pricing') as 'listing' | 'auction' | 'negotiated',
        publicisedInUnit: unit('publicisedInUnit') as boolean,
        publicisedOnExchange: unit('publicisedOnExchange') as boolean,
        collectiveDecision: unit('collectiveDecision') as boolean,
        internalRulesExist: unit('internalRulesExist') as boolean,
      },
      conduct: Object.fromEntries(
        CONDUCT.map((c) => [c, (latestFinding(view, a.name, c)?.value as boolean | undefined) ?? false]),
      ) as DiligenceExemptionInput['conduct'],
    };
    return { person: a.name, role: a.role, decision: evaluateDiligenceExemption(evaluatorInput, pack, asOf, notes) };
  });
}
