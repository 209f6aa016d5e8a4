// A running case's history is replayed up to the last task it answered: a history fetched mid-task
// would make the replayer run that task live on a worker with no activities, and fail for a reason
// that says nothing about determinism.
import fs from 'node:fs';
import path from 'node:path';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { Worker } from '@temporalio/worker';
import { answeredHistory } from '../../client/audit/answered-history';
import { workflowBundle } from '../../worker/create-worker';

const file = path.join(__dirname, '..', 'replay', 'histories', 'diligence-exemption-decided.json');
const json = JSON.parse(fs.readFileSync(file, 'utf8'));
const closed = historyFromJSON(json);
const typeNames: string[] = json.events.map((e: { eventType: string }) => e.eventType);
const cutAt = (n: number) => ({ ...closed, events: closed.events!.slice(0, n) });
const names = (h: { events?: unknown[] | null }) => typeNames.slice(0, h.events!.length);

// A task in flight: the events up to the second update's task, scheduled and started, not completed.
const inFlightEnd = typeNames.findIndex((t, i) => i > 13 && t === 'EVENT_TYPE_WORKFLOW_TASK_STARTED') + 1;

test('a closed history and a sleeping one come back whole', () => {
  expect(answeredHistory(closed)).toBe(closed);
  const sleeping = cutAt(inFlightEnd - 2); // ends with the update's completion: nothing unanswered
  expect(names(sleeping).at(-1)).toBe('EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_COMPLETED');
  expect(answeredHistory(sleeping)).toBe(sleeping);
});

test('a history fetched mid-task is cut after the last completed task and what it wrote', () => {
  const inFlight = cutAt(inFlightEnd);
  expect(names(inFlight).slice(-2)).toEqual(['EVENT_TYPE_WORKFLOW_TASK_SCHEDULED', 'EVENT_TYPE_WORKFLOW_TASK_STARTED']);
  const answered = answeredHistory(inFlight);
  expect(answered.events).toHaveLength(inFlightEnd - 2);
  expect(names(answered).at(-1)).toBe('EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_COMPLETED');
});

test('the JSON form (event types by name) is cut the same way', () => {
  const inFlight = { events: json.events.slice(0, inFlightEnd) };
  expect(answeredHistory(inFlight).events).toHaveLength(inFlightEnd - 2);
});

test('a history with no completed task is left as it is', () => {
  const first = cutAt(3);
  expect(answeredHistory(first)).toBe(first);
});

test('the cut history replays against this code', async () => {
  await expect(
    Worker.runReplayHistory(
      { workflowBundle: await workflowBundle() },
      answeredHistory(cutAt(inFlightEnd)),
      'diligence-exemption/cut',
    ),
  ).resolves.toBeUndefined();
}, 60_000);
