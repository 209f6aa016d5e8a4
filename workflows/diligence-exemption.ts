// diligenceExemption: officials who decided a transfer apply to be exempt from liability after
// a loss or an audit finding (docs/domain.md §4). Reviewers accept the applications, then confirm
// or refute each condition and each negative-list item, citing documents by name and hash; the
// evaluator gives a preliminary finding per person; the committee determines (it may differ only
// with a written reason); the result is applied and corrective actions are tracked to the end.
// Every step is the `act` update, validated and applied by the pure rules
// (diligence-exemption-rules.ts); every timing comes from the pack.
import { proxyLocalActivities, setHandler, upsertSearchAttributes } from '@temporalio/workflow';
import type { DiligenceExemptionActivities } from '../activities/diligence-exemption-activities';
import type { DiligenceExemptionParameters } from '../policies/diligence-exemption/parameters';
import { addDays, chinaDate, chinaMidnight } from '../policies/dates';
import { casePack } from './pack-as-recorded';
import { CaseProcess, PERSIST_OPTIONS, SYSTEM } from './case-process';
import { SEARCH_ATTRIBUTES } from './definitions';
import {
  allFound,
  applyReviewAct,
  preliminaryFindings,
  requiredFindings,
  validateReviewAct,
} from './diligence-exemption-rules';
import {
  reviewActUpdate,
  reviewViewQuery,
  type ReviewActRequest,
  type ReviewCaseInput,
  type ReviewRecord,
  type ReviewStage,
  type ReviewView,
} from './diligence-exemption-definitions';

const { resolveDiligenceExemptionPolicy } = proxyLocalActivities<DiligenceExemptionActivities>({
  startToCloseTimeout: '10 seconds',
  retry: { maximumAttempts: 3 },
});
const { recordReviewStep } = proxyLocalActivities<DiligenceExemptionActivities>(PERSIST_OPTIONS);

export async function diligenceExemption(input: ReviewCaseInput): Promise<ReviewView> {
  const { request } = input;
  const asOf = request.asOf ?? chinaDate(Date.now());
  const {
    pack,
    params,
    policy,
    ref: policyRef,
    notes,
  } = await casePack<DiligenceExemptionParameters>(undefined, () =>
    resolveDiligenceExemptionPolicy({ jurisdiction: request.jurisdiction, asOf }),
  );
  const steps = params.process.steps;

  const view: ReviewView = {
    caseId: input.caseId,
    kind: 'diligence-exemption',
    stage: 'acceptance',
    pending: null,
    policy: { ...policyRef, selection: notes },
    request,
    lateApplication:
      params.applicationDeadlineDays !== null &&
      addDays(request.trigger.reportedOn, params.applicationDeadlineDays) < chinaDate(Date.now()),
    open: [],
    findings: [],
    preliminary: null,
    determination: null,
    resultReference: null,
    correctiveActions: [],
    history: [],
  };
  const required = requiredFindings(view, params);
  view.open = required;
  const proc = new CaseProcess<ReviewStage, ReviewRecord, ReviewView>(view, {
    policy,
    version: 0,
    persist: (version, entry) =>
      recordReviewStep({ caseId: input.caseId, version, entry, view, openedBy: input.openedBy }),
  });

  setHandler(reviewViewQuery, () => view);
  setHandler(
    reviewActUpdate,
    (act: ReviewActRequest) => {
      proc.note(applyReviewAct(view, required, act, proc.now()));
      return proc.handOff();
    },
    { validator: (act: ReviewActRequest) => validateReviewAct(view, params, required, act) },
  );

  proc.note({
    stage: 'acceptance',
    action: 'opened',
    actor: input.openedBy,
    reason: `${request.trigger.kind}: ${request.trigger.description} — ${request.applicants.length} application(s) under ${policy}`,
  });
  upsertSearchAttributes([{ key: SEARCH_ATTRIBUTES.policyId, value: policy }]);
  await proc.flush();

  await proc.humanStep('acceptance', steps.acceptance, () => view.stage !== 'acceptance');
  if (view.stage === 'evidence-review') {
    // Findings may be revised until every item has one; the finding that completes the set closes
    // the step, and the evaluator gives the preliminary finding from what was found.
    await proc.humanStep('evidence-review', steps['evidence-review'], () => allFound(view, required));
    view.preliminary = preliminaryFindings(view, pack, asOf, notes);
    proc.note({
      stage: 'determination',
      action: 'preliminary',
      actor: SYSTEM,
      reason: view.preliminary
        .map(
          (p) =>
            `${p.person} (${p.role}): ${p.decision.decision}${p.decision.negativeListHits.length ? ` [${p.decision.negativeListHits.join(', ')}]` : ''}`,
        )
        .join('; '),
    });
    await proc.humanStep('determination', steps.determination, () => view.determination !== null);
    await proc.humanStep('result', steps.result, () => view.stage !== 'result');
  }

  // Corrective actions until each is complete; an overdue one is escalated once.
  while (view.stage === 'corrective-actions') {
    view.pending = {
      stage: 'corrective-actions',
      roles: params.process.correctiveActionRoles,
      dueAt: null,
      escalated: false,
    };
    const due = view.correctiveActions
      .filter((c) => !c.done && !c.overdueNoticed)
      .sort((a, b) => a.dueOn.localeCompare(b.dueOn))[0];
    if (due) view.pending.dueAt = new Date(chinaMidnight(addDays(due.dueOn, 1))).toISOString();
    await proc.save();
    const moved = proc.actedSince();
    const inTime = due
      ? await proc.wait(moved, Math.max(chinaMidnight(addDays(due.dueOn, 1)) - Date.now(), 1))
      : await proc.wait(moved);
    if (!inTime && due) {
      due.overdueNoticed = true;
      proc.note({
        stage: 'corrective-actions',
        action: 'action-overdue',
        actor: SYSTEM,
        subject: due.id,
        reason: `${due.description} (owner ${due.owner}) was due on ${due.dueOn}: escalated to ${steps.result.escalateTo.join(', ')}`,
      });
    }
    await proc.flush();
  }
  if (view.stage === 'closed')
    proc.note({
      stage: 'closed',
      action: 'closed',
      actor: SYSTEM,
      reason: 'determination applied and every corrective action complete',
    });
  view.pending = null;
  return proc.finish();
}
