// rightsGrant: a tech-transfer office grants a research team ownership of, or a long-term use
// right in, a job invention, and watches the result for years afterwards (docs/domain.md §2).
// Every human step is the `act` update, validated by the pure rules (rights-grant-rules.ts);
// the shared case process (case-process.ts) journals, hands off and escalates. Every rule and
// timing comes from the pack.
import {
  continueAsNew,
  patched,
  proxyLocalActivities,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { RightsGrantActivities } from '../activities/rights-grant-activities';
import { evaluateRightsGrant } from '../policies/rights-grant/evaluate';
import type { HumanStep, RightsGrantParameters } from '../policies/rights-grant/parameters';
import { addDays, addMonths, addWorkingDays, chinaDate, chinaMidnight } from '../policies/dates';
import { addWorkingDays as addOfficialWorkingDays } from '../policies/calendar';
import { casePack } from './pack-as-recorded';
import { CaseProcess, PERSIST_OPTIONS, SYSTEM } from './case-process';
import { SEARCH_ATTRIBUTES } from './definitions';
import { applyRightsGrantAct, NEXT, validateRightsGrantAct } from './rights-grant-rules';
import {
  RIGHTS_GRANT_FINAL_STAGES,
  rightsGrantActUpdate,
  rightsGrantViewQuery,
  type RightsGrantActRequest,
  type RightsGrantCaseInput,
  type RightsGrantRecord,
  type RightsGrantStage,
  type RightsGrantView,
} from './rights-grant-definitions';

const { resolveRightsGrantPolicy } = proxyLocalActivities<RightsGrantActivities>({
  startToCloseTimeout: '10 seconds',
  retry: { maximumAttempts: 3 },
});
const { recordCaseStep, registerOnLedger } = proxyLocalActivities<RightsGrantActivities>(PERSIST_OPTIONS);

/** Records a watched case carries into its next run, and how many one run may make before it continues as new. */
const CARRIED_RECORDS = 120;
const RECORDS_PER_RUN = 200;

export async function rightsGrant(input: RightsGrantCaseInput): Promise<RightsGrantView> {
  const { request, resume } = input;
  const asOf = request.asOf ?? chinaDate(Date.now());
  const { pack, params, policy, notes } = await casePack<RightsGrantParameters>(resume?.view.eligibility, () =>
    resolveRightsGrantPolicy({ request, asOf }),
  );
  const eligibility = resume?.view.eligibility ?? evaluateRightsGrant(request, pack, asOf, notes);

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
  // Every change is saved as a snapshot (for the inbox and queries); records also go to the audit log.
  const proc = new CaseProcess<RightsGrantStage, RightsGrantRecord, RightsGrantView>(view, {
    policy,
    version: resume?.version ?? 0,
    persist: (version, entry) =>
      recordCaseStep({ caseId: input.caseId, version, entry, view, request, openedBy: input.openedBy }),
  });
  const isFinal = () => RIGHTS_GRANT_FINAL_STAGES.includes(view.stage);
  let lastAction: RightsGrantActRequest | null = null;

  setHandler(rightsGrantViewQuery, () => view);
  setHandler(
    rightsGrantActUpdate,
    (act: RightsGrantActRequest) => {
      const stageBefore = view.stage;
      applyRightsGrantAct(view, params, act, proc.now());
      lastAction = act;
      proc.note({
        stage: stageBefore,
        action: act.action,
        actor: act.actor,
        reason: act.reason,
        reference: act.reference,
      });
      return proc.handOff();
    },
    { validator: (act: RightsGrantActRequest) => validateRightsGrantAct(view, params, act) },
  );

  if (!resume) {
    await proc.record({
      stage: view.stage,
      action: 'evaluated',
      actor: input.openedBy,
      reason: `${eligibility.decision} under ${policy}`,
    });
    upsertSearchAttributes([{ key: SEARCH_ATTRIBUTES.policyId, value: policy }]);
  }

  // Review, publicity (an objection sends the case back to office review), decision, agreement.
  let step: HumanStep | 'publicity' | 'registration' = resume ? 'registration' : 'department-review';
  while (!isFinal() && step !== 'registration') {
    if (step !== 'publicity') {
      await proc.humanStep(step, params.process.steps[step]);
      if (view.stage === 'rejected') break;
      step = NEXT[step];
      continue;
    }
    const publicity = publicityPeriod(chinaDate(Date.now()), params.publicityWorkingDays);
    view.publicityEndsOn = publicity.endsOn;
    if (publicity.assumed) view.publicityEndsOnAssumed = true;
    else delete view.publicityEndsOnAssumed;
    await proc.open('publicity', params.process.objectionRoles, new Date(publicity.closesAt).toISOString());
    if (publicity.assumed)
      await proc.record({
        stage: 'publicity',
        action: 'calendar-assumed',
        actor: SYSTEM,
        reason: `publicity ends on ${publicity.endsOn}, counted on weekends only: no State Council holiday notice for ${publicity.endsOn.slice(0, 4)} is known yet`,
      });
    const objected = await proc.wait(proc.actedSince(), publicity.closesAt - Date.now());
    view.pending = null; // publicity is over the moment its timer fires: a late objection is refused
    await proc.flush();
    if (!objected)
      await proc.record({
        stage: 'publicity',
        action: 'publicity-ended',
        actor: SYSTEM,
        reason: `no objection in ${params.publicityWorkingDays} working days`,
      });
    step = objected ? 'office-review' : 'collective-decision';
  }
  if (isFinal()) return proc.finish();

  // Registered on the separate ledger (单列管理), then watched.
  const w = params.process.watch;
  const watch = resume?.watch ?? { startedOn: chinaDate(Date.now()), reminded: false };
  if (!resume) {
    view.ledgerRegisteredAt = await registerOnLedger({
      caseId: input.caseId,
      request,
      agreementReference: view.agreementReference!,
      at: proc.now(),
    });
    view.stage = 'watch';
    if (request.grant.form === 'long-term-use')
      view.ltuExpiresOn = addMonths(watch.startedOn, Math.round(request.grant.years * 12));
    await proc.record({
      stage: 'watch',
      action: 'registered',
      actor: SYSTEM,
      reason: 'registered on the separate ledger (单列管理)',
    });
  }
  const { startedOn } = watch;
  const recordedAtStart = view.recorded ?? view.history.length;
  while (!isFinal()) {
    const idle = view.commercialisedAt === null;
    if (!idle && view.ltuExpiresOn === null) {
      view.stage = 'closed'; // ownership granted and commercialised: nothing left to watch
      view.pending = null;
      await proc.record({
        stage: 'closed',
        action: 'closed',
        actor: SYSTEM,
        reason: 'commercialised: the ownership grant needs no further watch',
      });
      break;
    }
    const moments: Array<[number, string]> = [];
    if (idle && !watch.reminded)
      moments.push([chinaMidnight(addMonths(startedOn, w.idleReminderMonths)), 'idle-reminder']);
    if (idle && w.reclaimAllowed) moments.push([chinaMidnight(addMonths(startedOn, w.reclaimAfterMonths)), 'reclaim']);
    if (view.ltuExpiresOn && view.stage === 'watch')
      moments.push([chinaMidnight(addMonths(view.ltuExpiresOn, -w.ltuNoticeMonths)), 'ltu-notice']);
    if (view.ltuExpiresOn) moments.push([chinaMidnight(view.ltuExpiresOn), 'ltu-expiry']);
    moments.sort((a, b) => a[0] - b[0]);
    const [at, what] = moments[0];
    if (view.stage === 'watch' && view.pending?.dueAt !== new Date(at).toISOString()) {
      view.pending = {
        stage: 'watch',
        roles: params.process.steps.agreement.roles,
        dueAt: new Date(at).toISOString(),
        escalated: false,
      };
      await proc.save();
    }
    if (await proc.wait(proc.actedSince(), Math.max(at - Date.now(), 1))) {
      await proc.flush();
      // A renewed long-term use right, or a long run of reports, starts a new run: a case watched
      // for decades keeps a bounded history (and fits the test server's ten-year run limit).
      const longRun =
        (view.recorded ?? view.history.length) - recordedAtStart >= RECORDS_PER_RUN &&
        patched('rights-grant-long-watch-continues-as-new');
      if (
        (lastAction as RightsGrantActRequest | null)?.action === 'extend' ||
        longRun ||
        workflowInfo().continueAsNewSuggested
      ) {
        await proc.drain();
        await continueAsNew<typeof rightsGrant>({
          ...input,
          resume: { view: { ...view, history: view.history.slice(-CARRIED_RECORDS) }, watch, version: proc.version },
        });
      }
      continue;
    }
    if (what === 'idle-reminder') {
      watch.reminded = true;
      await proc.record({
        stage: view.stage,
        action: 'idle-reminder',
        actor: SYSTEM,
        reason: `not commercialised ${w.idleReminderMonths} months after the grant`,
      });
    } else if (what === 'reclaim') {
      view.stage = 'reclaimed';
      view.pending = null;
      await proc.record({
        stage: 'reclaimed',
        action: 'reclaimed',
        actor: SYSTEM,
        reason: `not commercialised ${w.reclaimAfterMonths} months after the grant: the unit may take the rights back`,
      });
    } else if (what === 'ltu-notice') {
      await proc.open(
        'ltu-expiring',
        params.process.steps.agreement.roles,
        new Date(chinaMidnight(view.ltuExpiresOn!)).toISOString(),
      );
    } else {
      view.stage = 'expired';
      view.pending = null;
      await proc.record({
        stage: 'expired',
        action: 'expired',
        actor: SYSTEM,
        reason: `long-term use right ended on ${view.ltuExpiresOn}`,
      });
    }
  }
  return proc.finish();
}

/**
 * The publicity period from today: N working days on the official calendar (public holidays and
 * make-up days), open to the end of its last day in China. Cases that entered publicity before
 * the calendar came keep the weekend-only count and the close at the start of the last day, so
 * their histories replay.
 */
function publicityPeriod(today: string, workingDays: number): { endsOn: string; closesAt: number; assumed: boolean } {
  if (patched('rights-grant-publicity-official-calendar')) {
    const { date, assumed } = addOfficialWorkingDays(today, workingDays);
    return { endsOn: date, closesAt: chinaMidnight(addDays(date, 1)), assumed };
  }
  const endsOn = addWorkingDays(today, workingDays);
  return { endsOn, closesAt: chinaMidnight(endsOn), assumed: false };
}
