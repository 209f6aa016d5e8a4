// A running case's history, cut back to the last workflow task the code answered.
//
// A history fetched while a case is mid-task (a timer just fired, an update is being handled, a
// local activity is saving) ends with inputs the workflow has not answered yet. Replaying it makes
// the replayer run that last task live — not replaying — and a replay worker has no activities, so
// the task fails ("Local activity … not registered on worker") and the verdict would say the code
// no longer reproduces the case when nothing was compared. Determinism can only be judged on the
// tasks that completed: everything up to the last WorkflowTaskCompleted and the events its
// commands and update messages wrote; the unanswered inputs after them are left for a later check.
import type { temporal } from '@temporalio/proto';
import { temporal as proto } from '@temporalio/proto';

type History = temporal.api.history.v1.IHistory;
const T = proto.api.enums.v1.EventType;

/** Events a workflow task's completion writes right after WorkflowTaskCompleted. */
const WRITTEN_BY_COMPLETION = new Set<number>([
  T.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED,
  T.EVENT_TYPE_ACTIVITY_TASK_CANCEL_REQUESTED,
  T.EVENT_TYPE_TIMER_STARTED,
  T.EVENT_TYPE_TIMER_CANCELED,
  T.EVENT_TYPE_MARKER_RECORDED,
  T.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED,
  T.EVENT_TYPE_WORKFLOW_EXECUTION_FAILED,
  T.EVENT_TYPE_WORKFLOW_EXECUTION_CANCELED,
  T.EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW,
  T.EVENT_TYPE_START_CHILD_WORKFLOW_EXECUTION_INITIATED,
  T.EVENT_TYPE_SIGNAL_EXTERNAL_WORKFLOW_EXECUTION_INITIATED,
  T.EVENT_TYPE_REQUEST_CANCEL_EXTERNAL_WORKFLOW_EXECUTION_INITIATED,
  T.EVENT_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES,
  T.EVENT_TYPE_WORKFLOW_PROPERTIES_MODIFIED,
  T.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED,
  T.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_COMPLETED,
  T.EVENT_TYPE_NEXUS_OPERATION_SCHEDULED,
  T.EVENT_TYPE_NEXUS_OPERATION_CANCEL_REQUESTED,
]);

function typeOf(event: temporal.api.history.v1.IHistoryEvent): number {
  // Proto objects carry the enum number; a history read from JSON may carry its name.
  const t = event.eventType as unknown;
  return typeof t === 'string' ? (T[t as keyof typeof T] as number) : (t as number);
}

/**
 * The history up to the last task the workflow answered. A closed case's history, or a sleeping
 * one's, comes back whole; a history with no completed task comes back unchanged (nothing to cut to).
 */
export function answeredHistory(history: History): History {
  const events = history.events ?? [];
  let last = -1;
  for (let i = events.length - 1; i >= 0; i--) {
    if (typeOf(events[i]) === T.EVENT_TYPE_WORKFLOW_TASK_COMPLETED) {
      last = i;
      break;
    }
  }
  if (last < 0) return history;
  let end = last + 1;
  while (end < events.length && WRITTEN_BY_COMPLETION.has(typeOf(events[end]))) end++;
  return end === events.length ? history : { ...history, events: events.slice(0, end) };
}
