// The machinery every long-running case shares (rights grants, licences, exemption reviews):
// the journal (note → flush → save), the hand-off from an update handler to the main loop, and
// the escalating human step. Each workflow file then reads as its process and nothing else.
//
// Two rules make the cases replay-safe and race-free:
// - Update handlers never do I/O. They change the view synchronously and queue their record; the
//   main loop alone persists (a local activity started from a handler would race the loop's, and
//   their results would come back in another order on replay).
// - A step closes synchronously (its `pending` goes to null before any await), so an action that
//   arrives while the loop is still persisting the step's end is refused, never silently ignored.
// No Node imports: this module is bundled into workflow code.
import {
  allHandlersFinished,
  condition,
  patched,
  upsertSearchAttributes,
  type LocalActivityOptions,
} from '@temporalio/workflow';
import { SEARCH_ATTRIBUTES, type Actor } from './definitions';
import { FAILURE, refusal } from './failures';

export const DAY = 86_400_000;
/**
 * How a case persists its snapshots: retried without end (a record must not be lost), and once a
 * retry would wait longer than a few seconds, on a durable timer rather than inside a workflow
 * task held open by heartbeats — during a database outage the case stays responsive: it refuses
 * what its state refuses and queues what it accepts.
 */
export const PERSIST_OPTIONS: LocalActivityOptions = {
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '200 milliseconds', backoffCoefficient: 2, maximumInterval: '30 seconds' },
  localRetryThreshold: '5 seconds',
};

/** The actor of everything the process does by itself (deadlines, reminders, postings). */
export const SYSTEM: Actor = { id: 'transferflow', role: 'system' };

/** Who must act at the open step, and by when. */
export interface PendingStep<S extends string = string> {
  stage: S;
  roles: string[];
  dueAt: string | null;
  escalated: boolean;
  /** When half the step's time had gone with nobody acting: its holders were reminded then (once). */
  remindedAt?: string;
}

/** Human steps opened from here remind their holders once, when half the pack's period is gone. */
export const HALF_TIME_REMINDER_PATCH = 'step-half-time-reminder';

/** What a human step's pack rule says: who acts, within how many days, and who takes over after. */
export interface StepRule {
  roles: string[];
  deadlineDays: number;
  escalateTo: string[];
}

/** A case's recorded step: every record carries the time and the pack it relied on. */
export interface CaseRecord<S extends string = string> {
  stage: S;
  action: string;
  actor: Actor;
  reason?: string;
  at: string;
  policy: string;
}

/** The part of every case view the process manages. */
export interface CaseState<S extends string, R extends CaseRecord<S>> {
  caseId: string;
  stage: S;
  pending: PendingStep<S> | null;
  history: R[];
  /** How many records the case has made in all, across runs (absent in views saved before it was counted). */
  recorded?: number;
}

/** What an `act` update answers: small, so a case's history grows by a constant per action. */
export interface CaseAck<S extends string = string> {
  caseId: string;
  stage: S;
  pending: PendingStep<S> | null;
  /** The running count of the case's records after this action. */
  recorded: number;
}

/** A record as the process persists it, with whatever the kind writes beside it (e.g. ledger postings). */
export type JournalEntry<R, X> = { step: number; record: R } & X;

export interface CaseProcessOptions<R, X> {
  /** The pack key every record cites. */
  policy: string;
  /** The snapshot version the case had reached (a continued run goes on counting). */
  version: number;
  /** Persists the view (and the entry, when there is one) as snapshot `version`: one idempotent local activity. */
  persist: (version: number, entry?: JournalEntry<R, X>) => Promise<void>;
}

export class CaseProcess<
  S extends string,
  R extends CaseRecord<S>,
  V extends CaseState<S, R>,
  X extends object = object,
> {
  /** Accepted actions so far; waits compare it to tell that something happened. */
  private acted = 0;
  /** Up to which action the main loop has acted (moved on and saved): handlers answer then. */
  private processed = 0;
  private readonly unsaved: Array<JournalEntry<R, X>> = [];
  version: number;

  constructor(
    readonly view: V,
    private readonly options: CaseProcessOptions<R, X>,
  ) {
    this.version = options.version;
  }

  now(): string {
    return new Date(Date.now()).toISOString();
  }

  /** Saves the view as the next snapshot, with the stage as the Decision search attribute. */
  async save(entry?: JournalEntry<R, X>): Promise<void> {
    this.version++;
    upsertSearchAttributes([{ key: SEARCH_ATTRIBUTES.decision, value: this.view.stage }]);
    await this.options.persist(this.version, entry);
  }

  /**
   * Adds a record to the view and queues it for the loop to save. Its step (the audit event's key)
   * is the running count of the case's records, so trimming a carried history loses nothing.
   */
  note(entry: Omit<R, 'at' | 'policy'>, extra?: X): R {
    const record = { ...entry, at: this.now(), policy: this.options.policy } as R;
    this.view.history.push(record);
    this.view.recorded = (this.view.recorded ?? this.view.history.length - 1) + 1;
    this.unsaved.push({ step: this.view.recorded, record, ...(extra ?? ({} as X)) });
    return record;
  }

  async flush(): Promise<void> {
    while (this.unsaved.length) await this.save(this.unsaved.shift()!);
  }

  async record(entry: Omit<R, 'at' | 'policy'>, extra?: X): Promise<void> {
    this.note(entry, extra);
    await this.flush();
  }

  /** A predicate that turns true once an action is accepted after this call. */
  actedSince(): () => boolean {
    const seen = this.acted;
    return () => this.acted !== seen;
  }

  /**
   * Waits until `ready` (true) or the timeout (false). Waiting is when the loop has caught up, so
   * every handler waiting for its action to be acted on may answer now.
   */
  wait(ready: () => boolean, timeoutMs?: number): Promise<boolean> {
    this.processed = this.acted;
    return timeoutMs === undefined ? condition(ready).then(() => true) : condition(ready, timeoutMs);
  }

  /** The end of an update handler: counts the action and answers once the loop has acted on it. */
  async handOff(): Promise<CaseAck<S>> {
    this.acted++;
    const ticket = this.acted;
    await condition(() => this.processed >= ticket);
    return this.ack();
  }

  ack(): CaseAck<S> {
    const { caseId, stage, pending, recorded, history } = this.view;
    return { caseId, stage, pending, recorded: recorded ?? history.length };
  }

  /** Lets every running handler answer and finish (before the case closes or continues as new). */
  async drain(): Promise<void> {
    this.processed = this.acted;
    await condition(allHandlersFinished);
  }

  /** Saves what is left and lets a running update (the one that ended the case) answer before it closes. */
  async finish(): Promise<V> {
    await this.flush();
    await this.drain();
    return this.view;
  }

  /** Opens a step: the stage, who must act and by when, saved so the inbox shows it. */
  async open(stage: S, roles: string[], dueAt: string | null): Promise<void> {
    this.view.stage = stage;
    this.view.pending = { stage, roles, dueAt, escalated: false };
    await this.save();
  }

  /**
   * A human step: opens it for the rule's roles and waits until `done` (by default, the first
   * accepted action), saving after every action; when it is overdue, escalates once: the
   * escalation roles may act too, and the history says so. Closes the step when done.
   */
  async humanStep(stage: S, rule: StepRule, done: () => boolean = this.actedSince()): Promise<void> {
    await this.flush();
    const deadline = Date.now() + rule.deadlineDays * DAY;
    // Half the pack's period from the opening: a durable timer like the deadline's. Steps of cases
    // that opened them before the reminder existed wait for the deadline alone (replay-safe).
    const halfway = patched(HALF_TIME_REMINDER_PATCH) ? deadline - (rule.deadlineDays * DAY) / 2 : null;
    await this.open(stage, rule.roles, new Date(deadline).toISOString());
    for (;;) {
      const moved = this.actedSince();
      const pending = this.view.pending;
      const remindFirst = halfway !== null && pending !== null && !pending.escalated && !pending.remindedAt;
      const until = remindFirst ? halfway : deadline;
      const timeout = pending?.escalated ? undefined : Math.max(until - Date.now(), 1);
      const inTime = await this.wait(() => done() || moved(), timeout);
      if (done()) {
        this.view.pending = null;
        await this.flush();
        return;
      }
      await this.flush();
      if (!inTime && remindFirst) {
        // Saved as part of the step: its notice is derived from the snapshot (keyed by the step's
        // deadline), so a retried save or a replay never reminds twice.
        this.view.pending = { ...this.view.pending!, remindedAt: this.now() };
        await this.save();
        continue;
      }
      if (!inTime) {
        this.view.pending = {
          stage,
          roles: [...new Set([...rule.roles, ...rule.escalateTo])],
          dueAt: null,
          escalated: true,
        };
        await this.record({
          stage,
          action: 'escalated',
          actor: SYSTEM,
          reason: `overdue after ${rule.deadlineDays} days: ${rule.escalateTo.join(', ')} may now act`,
        } as Omit<R, 'at' | 'policy'>);
      }
    }
  }
}

/**
 * Refuses an action when the case's stage does not take it, or when its step has already closed
 * (the loop is persisting the step's end: a late objection or finding would otherwise be ignored).
 */
export function refuseUnlessOpen<S extends string>(
  view: { stage: S; pending: PendingStep<S> | null },
  action: string,
  allowed: readonly string[],
  what = 'case',
): void {
  if (!allowed.includes(action)) {
    throw refusal(
      FAILURE.invalidState,
      `the ${what} is at ${view.stage}: ${action} is not possible (allowed: ${allowed.join(', ') || 'nothing'})`,
    );
  }
  if (view.pending?.stage !== view.stage) {
    throw refusal(FAILURE.invalidState, `the ${what}'s ${view.stage} step has closed: ${action} is no longer possible`);
  }
}

/** Refuses an action by a role the step does not name. */
export function refuseUnlessRole(role: string, roles: readonly string[], action: string, stage: string): void {
  if (!roles.includes(role)) {
    throw refusal(FAILURE.forbidden, `role ${role} may not ${action} at ${stage} (allowed: ${roles.join(', ')})`);
  }
}
