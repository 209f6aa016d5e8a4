// diligenceExemption: officials who decided a transfer apply to be exempt from liability after
// a loss or an audit finding (DOMAIN.md §4). Reviewers accept the applications, then confirm or
// refute each condition and each negative-list item, citing documents by name and hash; the
// evaluator gives a preliminary finding per person; the committee determines (it may differ only
// with a written reason); the result is applied and corrective actions are tracked to the end.
// Every step is the `act` update, validated synchronously; every timing comes from the pack.
import { allHandlersFinished, ApplicationFailure, condition, proxyLocalActivities, setHandler, upsertSearchAttributes } from '@temporalio/workflow';
import type { DiligenceExemptionActivities } from '../activities/diligence-exemption-activities';
import { evaluateDiligenceExemption } from '../policies/diligence-exemption/evaluate';
import type { DiligenceExemptionInput } from '../policies/diligence-exemption/input-schema';
import type { DiligenceExemptionParameters, ExemptionStep } from '../policies/diligence-exemption/parameters';
import { packKey } from '../policies/registry';
import { packAsRecorded } from './pack-as-recorded';
import { addDays, chinaDate, chinaMidnight } from '../policies/dates';
import { SEARCH_ATTRIBUTES, type Actor } from './definitions';
import {
  REVIEW_FINAL_STAGES, reviewActUpdate, reviewViewQuery, UNIT_ITEMS,
  type EvidenceRef, type Finding, type Outcome, type ReviewActionName, type ReviewActRequest, type ReviewCaseInput, type ReviewRecord, type ReviewStage, type ReviewView,
} from './diligence-exemption-definitions';

const { resolveDiligenceExemptionPolicy } = proxyLocalActivities<DiligenceExemptionActivities>({ startToCloseTimeout: '10 seconds', retry: { maximumAttempts: 3 } });
const { recordReviewStep } = proxyLocalActivities<DiligenceExemptionActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '200 milliseconds', backoffCoefficient: 2, maximumInterval: '30 seconds' },
});

const DAY = 86_400_000;
const SYSTEM: Actor = { id: 'transferflow', role: 'system' };
const CONDUCT = ['illegalGain', 'collusion', 'relatedPartyUndisclosed', 'falsified', 'actedAfterBan', 'secrecyBreach'] as const;

const ACTIONS: Partial<Record<ReviewStage, ReviewActionName[]>> = {
  acceptance: ['accept', 'decline'],
  'evidence-review': ['finding'],
  determination: ['determine'],
  result: ['apply-result'],
  'corrective-actions': ['complete-action'],
};

/** The preliminary finding maps onto the committee's scale: anything else needs a written reason. */
const AGREES: Record<string, Outcome> = { exempt: 'exempt', 'not-exempt': 'not' };

export async function diligenceExemption(input: ReviewCaseInput): Promise<ReviewView> {
  const { request } = input;
  const asOf = request.asOf ?? chinaDate(Date.now());
  const resolved = await resolveDiligenceExemptionPolicy({ jurisdiction: request.jurisdiction, asOf });
  const pack = packAsRecorded(resolved.policy);
  const params = pack.parameters as DiligenceExemptionParameters;
  const proc = params.process;
  const policy = packKey(pack);
  const now = () => new Date(Date.now()).toISOString();
  const required = [
    ...UNIT_ITEMS.map((item) => ({ subject: 'unit', item })),
    ...request.applicants.flatMap((a) => params.negativeList.map((item) => ({ subject: a.name, item }))),
  ];

  const view: ReviewView = {
    caseId: input.caseId,
    kind: 'diligence-exemption',
    stage: 'acceptance',
    pending: null,
    policy: { ...resolved.policy, selection: resolved.notes },
    request,
    lateApplication: params.applicationDeadlineDays !== null && addDays(request.trigger.reportedOn, params.applicationDeadlineDays) < chinaDate(Date.now()),
    open: required,
    findings: [],
    preliminary: null,
    determination: null,
    resultReference: null,
    correctiveActions: [],
    history: [],
  };
  let acted = 0;
  let version = 0;
  const save = async (entry?: { step: number; record: ReviewRecord }) => {
    version++;
    upsertSearchAttributes([{ key: SEARCH_ATTRIBUTES.decision, value: view.stage }]);
    await recordReviewStep({ caseId: input.caseId, version, entry, view, openedBy: input.openedBy });
  };
  // Handlers only change state and queue records; the main loop alone persists (see rightsGrant).
  const unsaved: ReviewRecord[] = [];
  const note = (entry: Omit<ReviewRecord, 'at' | 'policy'>) => {
    const record: ReviewRecord = { ...entry, at: now(), policy };
    view.history.push(record);
    unsaved.push(record);
  };
  const flush = async () => {
    while (unsaved.length) {
      const record = unsaved.shift()!;
      await save({ step: view.history.indexOf(record) + 1, record });
    }
  };
  let processed = 0;
  const wait = (ready: () => boolean, timeoutMs?: number) => {
    processed = acted;
    return timeoutMs === undefined ? condition(ready).then(() => true) : condition(ready, Math.max(timeoutMs, 1));
  };

  const latest = (subject: string, item: string): Finding | undefined => view.findings.filter((f) => f.subject === subject && f.item === item).at(-1);
  const reviewed = () => required.filter((r) => latest(r.subject, r.item) !== undefined);

  setHandler(reviewViewQuery, () => view);
  setHandler(
    reviewActUpdate,
    async (act: ReviewActRequest) => {
      const base = { stage: view.stage, action: act.action, actor: act.actor, reason: act.reason, reference: act.reference };
      if (act.action === 'accept') view.stage = 'evidence-review';
      else if (act.action === 'decline') view.stage = 'declined';
      else if (act.action === 'finding') {
        const finding: Finding = { subject: act.subject!, item: act.item!, value: act.value!, evidence: act.evidence!, note: act.note, actor: act.actor, at: now() };
        view.findings.push(finding);
        view.open = required.filter((r) => !latest(r.subject, r.item));
        note({ ...base, subject: finding.subject, item: finding.item, evidence: finding.evidence, reason: `${String(finding.value)}${act.note ? `: ${act.note}` : ''}` });
      } else if (act.action === 'determine') {
        const evidence = new Map<string, EvidenceRef>();
        for (const r of required) for (const e of latest(r.subject, r.item)!.evidence) evidence.set(`${e.sha256}/${e.name}`, e);
        view.determination = { outcomes: act.outcomes!, evidence: [...evidence.values()], actor: act.actor, at: now() };
        view.correctiveActions = (act.correctiveActions ?? []).map((c, i) => ({ ...c, id: `CA-${i + 1}`, done: false, completedAt: null, reference: null, overdueNoticed: false }));
        view.stage = 'result';
        note({ ...base, reason: act.outcomes!.map((o) => `${o.person}: ${o.outcome}${o.reason ? ` (${o.reason})` : ''}`).join('; ') });
      } else if (act.action === 'apply-result') {
        view.resultReference = act.reference!;
        view.stage = view.correctiveActions.length ? 'corrective-actions' : 'closed';
      } else if (act.action === 'complete-action') {
        const ca = view.correctiveActions.find((c) => c.id === act.actionId)!;
        ca.done = true;
        ca.completedAt = now();
        ca.reference = act.reference ?? null;
        if (view.correctiveActions.every((c) => c.done)) view.stage = 'closed';
        note({ ...base, subject: ca.id, reason: ca.description });
      }
      if (act.action !== 'finding' && act.action !== 'determine' && act.action !== 'complete-action') note(base);
      if (REVIEW_FINAL_STAGES.includes(view.stage) || view.stage !== base.stage) view.pending = null;
      acted++;
      const ticket = acted;
      await condition(() => processed >= ticket);
      return view;
    },
    {
      validator: (act: ReviewActRequest) => {
        const allowed = ACTIONS[view.stage] ?? [];
        const fail = (type: string, message: string, field?: string) => ApplicationFailure.create({ type, message, details: field ? [field] : [] });
        if (!allowed.includes(act.action)) throw fail('invalid-state', `the review is at ${view.stage}: ${act.action} is not possible (allowed: ${allowed.join(', ') || 'nothing'})`);
        const roles = act.action === 'complete-action' ? proc.correctiveActionRoles : view.pending?.roles ?? [];
        if (!roles.includes(act.actor.role)) throw fail('forbidden', `role ${act.actor.role} may not ${act.action} at ${view.stage} (allowed: ${roles.join(', ')})`);
        if (act.action === 'decline' && !act.reason?.trim()) throw fail('invalid-input', 'decline needs a reason', 'reason');
        if (act.action === 'apply-result' && !act.reference?.trim()) throw fail('invalid-input', 'apply-result needs the reference of the record it was applied to (appraisal, audit, discipline file)', 'reference');
        if (act.action === 'finding') {
          if (!required.some((r) => r.subject === act.subject && r.item === act.item)) {
            throw fail('invalid-input', `nothing to find for ${act.subject}/${act.item}: items are unit/${UNIT_ITEMS.join(', unit/')} and <applicant>/${params.negativeList.join(', <applicant>/')}`, 'item');
          }
          const isPricing = act.item === 'pricing';
          if (isPricing ? !['listing', 'auction', 'negotiated'].includes(String(act.value)) : typeof act.value !== 'boolean') {
            throw fail('invalid-input', isPricing ? 'pricing is found as listing, auction or negotiated' : `${act.item} is found true or false`, 'value');
          }
          if (!act.evidence?.length) throw fail('invalid-input', 'a finding cites at least one document (name and SHA-256)', 'evidence');
        }
        if (act.action === 'determine') {
          const names = request.applicants.map((a) => a.name);
          const given = (act.outcomes ?? []).map((o) => o.person);
          if (given.length !== names.length || names.some((n) => !given.includes(n))) throw fail('invalid-input', `determine one outcome for each applicant: ${names.join(', ')}`, 'outcomes');
          for (const o of act.outcomes!) {
            const pre = view.preliminary!.find((p) => p.person === o.person)!;
            if (AGREES[pre.decision.decision] !== o.outcome && !o.reason?.trim()) {
              throw fail('invalid-input', `${o.person}: the preliminary finding is ${pre.decision.decision}; "${o.outcome}" needs a written reason`, 'outcomes');
            }
          }
        }
        if (act.action === 'complete-action') {
          const ca = view.correctiveActions.find((c) => c.id === act.actionId);
          if (!ca) throw fail('invalid-input', `no corrective action ${act.actionId} (open: ${view.correctiveActions.filter((c) => !c.done).map((c) => c.id).join(', ')})`, 'actionId');
          if (ca.done) throw fail('invalid-state', `corrective action ${ca.id} is already complete`);
        }
      },
    },
  );

  /**
   * Opens a step for its roles and waits until `done`, saving after every action (each update
   * answers once the loop has saved it); escalates once when the step is overdue.
   */
  const step = async (s: ExemptionStep, done: () => boolean) => {
    const rule = proc.steps[s];
    await flush();
    view.stage = s;
    const deadline = Date.now() + rule.deadlineDays * DAY;
    view.pending = { stage: s, roles: rule.roles, dueAt: new Date(deadline).toISOString(), escalated: false };
    await save();
    for (;;) {
      const seen = acted;
      const moved = await wait(() => done() || acted !== seen, view.pending?.escalated ? undefined : deadline - Date.now());
      await flush();
      if (done()) return;
      if (!moved) {
        view.pending = { stage: s, roles: [...new Set([...rule.roles, ...rule.escalateTo])], dueAt: null, escalated: true };
        note({ stage: s, action: 'escalated', actor: SYSTEM, reason: `overdue after ${rule.deadlineDays} days: ${rule.escalateTo.join(', ')} may now act` });
        await flush();
      }
    }
  };

  note({ stage: 'acceptance', action: 'opened', actor: input.openedBy, reason: `${request.trigger.kind}: ${request.trigger.description} — ${request.applicants.length} application(s) under ${policy}` });
  upsertSearchAttributes([{ key: SEARCH_ATTRIBUTES.policyId, value: policy }]);
  await flush();

  await step('acceptance', () => view.stage !== 'acceptance');
  if (view.stage === 'evidence-review') {
    // Findings may be revised until every item has one; then the evaluator gives the preliminary finding.
    await step('evidence-review', () => reviewed().length === required.length);
    view.preliminary = request.applicants.map((a) => {
      const unit = (item: string) => latest('unit', item)!.value;
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
        conduct: Object.fromEntries(CONDUCT.map((c) => [c, (latest(a.name, c)?.value as boolean | undefined) ?? false])) as DiligenceExemptionInput['conduct'],
      };
      return { person: a.name, role: a.role, decision: evaluateDiligenceExemption(evaluatorInput, pack, asOf, resolved.notes) };
    });
    note({ stage: 'determination', action: 'preliminary', actor: SYSTEM, reason: view.preliminary.map((p) => `${p.person} (${p.role}): ${p.decision.decision}${p.decision.negativeListHits.length ? ` [${p.decision.negativeListHits.join(', ')}]` : ''}`).join('; ') });
    await step('determination', () => view.determination !== null);
    await step('result', () => view.stage !== 'result');
  }

  // Corrective actions until each is complete; an overdue one is escalated once.
  while (view.stage === 'corrective-actions') {
    view.pending = { stage: 'corrective-actions', roles: proc.correctiveActionRoles, dueAt: null, escalated: false };
    const due = view.correctiveActions.filter((c) => !c.done && !c.overdueNoticed).sort((a, b) => a.dueOn.localeCompare(b.dueOn))[0];
    if (due) view.pending.dueAt = new Date(chinaMidnight(addDays(due.dueOn, 1))).toISOString();
    await save();
    const seen = acted;
    const moved = due ? await wait(() => acted !== seen, chinaMidnight(addDays(due.dueOn, 1)) - Date.now()) : await wait(() => acted !== seen);
    if (!moved && due) {
      due.overdueNoticed = true;
      note({ stage: 'corrective-actions', action: 'action-overdue', actor: SYSTEM, subject: due.id, reason: `${due.description} (owner ${due.owner}) was due on ${due.dueOn}: escalated to ${proc.steps.result.escalateTo.join(', ')}` });
    }
    await flush();
  }
  if (view.stage === 'closed') note({ stage: 'closed', action: 'closed', actor: SYSTEM, reason: 'determination applied and every corrective action complete' });
  view.pending = null;
  await flush();
  processed = acted;
  await condition(allHandlersFinished);
  return view;
}
