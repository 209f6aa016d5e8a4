// Training mode's clock: the stack runs on the time-skipping test server, whose clock runs with
// the wall clock until someone skips ahead. Skipping fires every timer that falls due on the way
// (a publicity period's end, a reminder) in order, so a new office walks a rights grant through
// its 15 working days of publicity in a minute instead of three weeks.
import type { TestWorkflowEnvironment } from '@temporalio/testing';

export interface TrainingClock {
  /** The Temporal server's time: what the workflows see as now. */
  now(): Promise<Date>;
  /** Moves the server's time `days` days ahead; answers the new time. */
  skipAhead(days: number): Promise<Date>;
}

/** The most one skip may move: a year is enough to reach any step a training case waits for. */
export const MAX_SKIP_DAYS = 366;

const DAY_MS = 86_400_000;

export function trainingClock(env: Pick<TestWorkflowEnvironment, 'sleep' | 'currentTimeMs'>): TrainingClock {
  const now = async () => new Date(await env.currentTimeMs());
  return {
    now,
    async skipAhead(days) {
      if (!Number.isInteger(days) || days < 1 || days > MAX_SKIP_DAYS)
        throw new RangeError(`skip 1 to ${MAX_SKIP_DAYS} whole days, not ${days}`);
      // unlockTimeSkippingWithSleep: the server fast-forwards through due timers, then locks again.
      await env.sleep(days * DAY_MS);
      return now();
    },
  };
}
