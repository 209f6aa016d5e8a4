// rightsGrant: a tech-transfer office grants a research team ownership of, or a long-term use
// right in, a job invention, and watches the result for years afterwards (DOMAIN.md §2).
// Every human step is the `act` update: its validator refuses a wrong role, a wrong stage or a
// missing reason before anything is recorded. Every rule and timing comes from the pack.
import { allHandlersFinished, ApplicationFailure, condition, continueAsNew, proxyLocalActivities, setHandler, upsertSearchAttributes, workflowInfo } from '@temporalio/workflow';
import type { RightsGrantActivities } from '../activities/rights-grant-activities';
import { evaluateRightsGrant } from '../policies/rights-grant/evaluate';
import type { HumanStep, RightsGrantParameters } from '../policies/rights-grant/parameters';
import { packKey } from '../policies/registry';
import { packAsRecorded } from './pack-as-recorded';
import { addMonths, addWorkingDays, chinaDate, chinaMidnight } from '../policies/dates';
import { SEARCH_ATTRIBUTES, type Actor } from './definitions';
import {
  actUpdate, FINAL_STAGES, viewQuery,
  type ActRequest, type CaseActionName, type DecisionRecord, type RightsGrantCaseInput, type RightsGrantView, type Stage,
} from './rights-grant-definitions';

const { resolveRightsGrantPolicy } = proxyLocalActivities<RightsGrantActivities>({ startToCloseTimeout: '10 seconds', retry: { maximumAttempts: 3 } });
const { recordCaseStep, registerOnLedger } = proxyLocalActivities<RightsGrantActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '200 milliseconds', backoffCoefficient: 2, maximumInterval: '30 seconds' },
});

const DAY = 86_400_000;
const SYSTEM: Actor = { id: 'transferflow', role: 'system' };
const NEEDS_REASON: CaseActionName[] = ['reject', 'object', 'extend', 'decline-extension'];
/** Where an approved (or signed) step leads. */
const NEXT: Record<HumanStep, HumanStep | 'publicity' | 'registration'> = {
  'department-review': 'office-review',
  'office-review': 'publicity',
  'collective-decision': 'agreement',
  agreement: 'registration',
};

/** Which actions each stage accepts. */
const ACTIONS: Partial<Record<Stage, CaseActionName[]>> = {
  'department-review': ['approve', 'reject'],
  'office-review': ['approve', 'reject'],
  publicity: ['object'],
  'collective-decision': ['approve', 'reject'],
  agreement: ['sign'],
  watch: ['report-commercialised'],
  'ltu-expiring': ['report-commercialised', 'extend', 'decline-extension'],
};

export async function rightsGrant(input: RightsGrantCaseInput): Promise<RightsGrantView> {
  const { request, resume } = input;
  const asOf = request.asOf ?? chinaDate(Date.now());
  // A continued run keeps the pack of the first: selection happens once per case.
  const resolved = resume
    ? { policy: { id: resume.view.eligibility.policy.id, version: resume.view.eligibility.policy.version, hash: resume.view.eligibility.policy.hash }, notes: resume.view.eligibility.selection }
    : await resolveRightsGrantPolicy({ request, asOf });
  const pack = packAsRecorded(resolved.policy);
  const params = pack.parameters as RightsGrantParameters;
  const policy = packKey(pack);
  const eligibility = resume?.view.eligibility ?? evaluateRightsGrant(request, pack, asOf, resolved.notes);
  const now = () => new Date(Date.now()).toISOString();

  const view: RightsGrantView = resume?.view ?? {
    caseId: input.caseId,
    kind: 'rights-grant',
    stage: eligibility.decision === 'eligible' ? 'department-review' : 'rejected',
    pending: null,
    eligibility,
    objections: [],
    history: [],
    publicityEndsOn: null,
    agreementReference: null,
    ledgerRegisteredAt: null,
    commercialisedAt: null,
    ltuExpiresOn: null,
  };
  let actedInStage = 0; // bumps on every accepted action, so waits can tell that something happened
  let lastAction: ActRequest | null = null;

  // Every change is saved as a snapshot (for the inbox and queries); decisions also go to the audit log.
  let version = resume?.version ?? 0;
  const save = async (record?: DecisionRecord, step?: number) => {
    version++;
    upsertSearchAttributes([{ key: SEARCH_ATTRIBUTES.decision, value: view.stage }]);
    await recordCaseStep({
      caseId: input.caseId,
      version,
      entry: record && { step: step!, record },
      view,
      request,
      openedBy: input.openedBy,
    });
  };
  // Decisions wait here until the main loop saves them. Update handlers never do I/O themselves:
  // a local activity started from a handler would race the main loop's, and the order of their
  // results differs between a live run and a replay (a nondeterminism the replay gate caught).
  const unsaved: DecisionRecord[] = [];
  const note = (entry: Omit<DecisionRecord, 'at' | 'policy'>) => {
    const full: DecisionRecord = { ...entry, at: now(), policy };
    view.history.push(full);
    unsaved.push(full);
  };
  const flush = async () => {
    while (unsaved.length) {
      const entry = unsaved.shift()!;
      await save(entry, view.history.indexOf(entry) + 1);
    }
  };
  const record = async (entry: Omit<DecisionRecord, 'at' | 'policy'>) => {
    note(entry);
    await flush();
  };

  // An update answers once the main loop has acted on it (moved the case on and saved it), so
  // the caller sees the resulting stage. `processed` catches up whenever the loop waits again.
  let processed = 0;
  const wait = (ready: () => boolean, timeoutMs?: number) => {
    processed = actedInStage;
    return timeoutMs === undefined ? condition(ready).then(() => true) : condition(ready, timeoutMs);
  };

  /** Lets a running update (the one that ended the case) record its step before the case closes. */
  const finish = async () => {
    await flush();
    processed = actedInStage;
    await condition(allHandlersFinished);
    return view;
  };

  const open = async (stage: HumanStep | 'ltu-expiring', roles: string[], dueAt: string | null) => {
    view.stage = stage;
    view.pending = { stage, roles, dueAt, escalated: false };
    await save();
  };

  setHandler(viewQuery, () => view);
  setHandler(
    actUpdate,
    async (act: ActRequest) => {
      const stageBefore = view.stage;
      if (act.action === 'object') {
        view.objections.push({ reason: act.reason!, actor: act.actor, at: now() });
      } else if (act.action === 'reject' || act.action === 'decline-extension') {
        view.stage = act.action === 'reject' ? 'rejected' : 'expired';
      } else if (act.action === 'sign') {
        view.agreementReference = act.reference ?? null;
      } else if (act.action === 'report-commercialised') {
        view.commercialisedAt = now();
      } else if (act.action === 'extend') {
        view.ltuExpiresOn = addMonths(view.ltuExpiresOn!, params.process.watch.ltuExtensionYears * 12);
        view.stage = 'watch';
        view.pending = null;
      }
      actedInStage++;
      lastAction = act;
      note({ stage: stageBefore, action: act.action, actor: act.actor, reason: act.reason, reference: act.reference });
      const ticket = actedInStage;
      await condition(() => processed >= ticket);
      return view;
    },
    {
      validator: (act: ActRequest) => {
        const allowed = ACTIONS[view.stage] ?? [];
        if (!allowed.includes(act.action)) {
          throw ApplicationFailure.create({ type: 'invalid-state', message: `the case is at ${view.stage}: ${act.action} is not possible (allowed: ${allowed.join(', ') || 'nothing'})` });
        }
        const roles = act.action === 'object' ? params.process.objectionRoles : view.pending?.roles ?? [];
        if (!roles.includes(act.actor.role)) {
          throw ApplicationFailure.create({ type: 'forbidden', message: `role ${act.actor.role} may not ${act.action} at ${view.stage} (allowed: ${roles.join(', ')})` });
        }
        if (NEEDS_REASON.includes(act.action) && !act.reason?.trim()) {
          throw ApplicationFailure.create({ type: 'invalid-input', message: `${act.action} needs a reason`, details: ['reason'] });
        }
        if (act.action === 'sign' && !act.reference?.trim()) {
          throw ApplicationFailure.create({ type: 'invalid-input', message: 'sign needs the agreement reference', details: ['reference'] });
        }
      },
    },
  );

  /** Waits for a decision at a human step; escalates once when it is overdue. */
  const humanStep = async (step: HumanStep): Promise<ActRequest> => {
    const rule = params.process.steps[step];
    await open(step, rule.roles, new Date(Date.now() + rule.deadlineDays * DAY).toISOString());
    const seen = actedInStage;
    if (!(await wait(() => actedInStage !== seen, rule.deadlineDays * DAY))) {
      view.pending = { stage: step, roles: [...new Set([...rule.roles, ...rule.escalateTo])], dueAt: null, escalated: true };
      await record({ stage: step, action: 'escalated', actor: SYSTEM, reason: `overdue after ${rule.deadlineDays} days: ${rule.escalateTo.join(', ')} may now act` });
      await wait(() => actedInStage !== seen);
    }
    view.pending = null;
    await flush();
    return lastAction!;
  };

  if (!resume) {
    await record({ stage: view.stage, action: 'evaluated', actor: input.openedBy, reason: `${eligibility.decision} under ${policy}` });
    upsertSearchAttributes([{ key: SEARCH_ATTRIBUTES.policyId, value: policy }]);
  }

  // Review, publicity (an objection sends the case back to office review), decision, agreement.
  let step: HumanStep | 'publicity' | 'registration' = resume ? 'registration' : 'department-review';
  while (!FINAL_STAGES.includes(view.stage) && step !== 'registration') {
    if (step === 'publicity') {
      const endsOn = addWorkingDays(chinaDate(Date.now()), params.publicityWorkingDays);
      view.stage = 'publicity';
      view.publicityEndsOn = endsOn;
      view.pending = { stage: 'publicity', roles: params.process.objectionRoles, dueAt: new Date(chinaMidnight(endsOn)).toISOString(), escalated: false };
      await save();
      const seen = actedInStage;
      const objected = await wait(() => actedInStage !== seen, chinaMidnight(endsOn) - Date.now());
      view.pending = null;
      await flush();
      if (objected) {
        step = 'office-review';
        continue;
      }
      await record({ stage: 'publicity', action: 'publicity-ended', actor: SYSTEM, reason: `no objection in ${params.publicityWorkingDays} working days` });
      step = 'collective-decision';
      continue;
    }
    await humanStep(step);
    if (view.stage === 'rejected') break;
    step = NEXT[step];
  }
  if (FINAL_STAGES.includes(view.stage)) return finish();

  // Registered on the separate ledger (单列管理), then watched.
  const w = params.process.watch;
  const watch = resume?.watch ?? { startedOn: chinaDate(Date.now()), reminded: false };
  if (!resume) {
    view.ledgerRegisteredAt = await registerOnLedger({ caseId: input.caseId, request, agreementReference: view.agreementReference!, at: now() });
    view.stage = 'watch';
    if (request.grant.form === 'long-term-use') view.ltuExpiresOn = addMonths(watch.startedOn, Math.round(request.grant.years * 12));
    await record({ stage: 'watch', action: 'registered', actor: SYSTEM, reason: 'registered on the separate ledger (单列管理)' });
  }
  const { startedOn } = watch;
  while (!FINAL_STAGES.includes(view.stage)) {
    const idle = view.commercialisedAt === null;
    if (!idle && view.ltuExpiresOn === null) {
      view.stage = 'closed'; // ownership granted and commercialised: nothing left to watch
      view.pending = null;
      await record({ stage: 'closed', action: 'closed', actor: SYSTEM, reason: 'commercialised: the ownership grant needs no further watch' });
      break;
    }
    const moments: Array<[number, string]> = [];
    if (idle && !watch.reminded) moments.push([chinaMidnight(addMonths(startedOn, w.idleReminderMonths)), 'idle-reminder']);
    if (idle && w.reclaimAllowed) moments.push([chinaMidnight(addMonths(startedOn, w.reclaimAfterMonths)), 'reclaim']);
    if (view.ltuExpiresOn && view.stage === 'watch') moments.push([chinaMidnight(addMonths(view.ltuExpiresOn, -w.ltuNoticeMonths)), 'ltu-notice']);
    if (view.ltuExpiresOn) moments.push([chinaMidnight(view.ltuExpiresOn), 'ltu-expiry']);
    moments.sort((a, b) => a[0] - b[0]);
    const [at, what] = moments[0];
    if (view.stage === 'watch' && view.pending?.dueAt !== new Date(at).toISOString()) {
      view.pending = { stage: 'watch', roles: params.process.steps.agreement.roles, dueAt: new Date(at).toISOString(), escalated: false };
      await save();
    }
    const seen = actedInStage;
    if (await wait(() => actedInStage !== seen, Math.max(at - Date.now(), 1))) {
      await flush();
      // A renewed long-term use right starts a new run: a case watched for decades keeps a
      // bounded history (and fits the test server's ten-year run limit).
      if ((lastAction as ActRequest | null)?.action === 'extend' || workflowInfo().continueAsNewSuggested) {
        processed = actedInStage;
        await condition(allHandlersFinished);
        await continueAsNew<typeof rightsGrant>({ ...input, resume: { view, watch, version } });
      }
      continue;
    }
    if (what === 'idle-reminder') {
      watch.reminded = true;
      await record({ stage: view.stage, action: 'idle-reminder', actor: SYSTEM, reason: `not commercialised ${w.idleReminderMonths} months after the grant` });
    } else if (what === 'reclaim') {
      view.stage = 'reclaimed';
      view.pending = null;
      await record({ stage: 'reclaimed', action: 'reclaimed', actor: SYSTEM, reason: `not commercialised ${w.reclaimAfterMonths} months after the grant: the unit may take the rights back` });
    } else if (what === 'ltu-notice') {
      await open('ltu-expiring', params.process.steps.agreement.roles, new Date(chinaMidnight(view.ltuExpiresOn!)).toISOString());
    } else {
      view.stage = 'expired';
      view.pending = null;
      await record({ stage: 'expired', action: 'expired', actor: SYSTEM, reason: `long-term use right ended on ${view.ltuExpiresOn}` });
    }
  }
  return finish();
}
