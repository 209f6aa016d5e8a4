// Reading what a workflow history recorded: the start input, local-activity results and
// activity inputs, decoded from their JSON payloads. Works on the JSON form of a history
// (what `temporal workflow show -o json`, the Web UI and tests/replay/histories hold).
import { defaultPayloadConverter } from '@temporalio/common';
import { JSONToPayload, type JSONPayload } from '@temporalio/common/lib/proto-utils';

export interface HistoryJson {
  events: Array<Record<string, any>>;
}

function decode<T>(payloads: { payloads?: JSONPayload[] } | undefined): T | undefined {
  const first = payloads?.payloads?.[0];
  return first ? defaultPayloadConverter.fromPayload<T>(JSONToPayload(first)) : undefined;
}

export function workflowType(history: HistoryJson): string | undefined {
  return history.events[0]?.workflowExecutionStartedEventAttributes?.workflowType?.name;
}

export function startInput<T>(history: HistoryJson): T | undefined {
  return decode<T>(history.events[0]?.workflowExecutionStartedEventAttributes?.input);
}

export function startTime(history: HistoryJson): Date | undefined {
  const t = history.events[0]?.eventTime;
  return t ? new Date(t) : undefined;
}

/** The result of the first local activity of this type, as recorded in its marker. */
export function localActivityResult<T>(history: HistoryJson, activityType: string): T | undefined {
  for (const e of history.events) {
    const m = e.markerRecordedEventAttributes;
    if (m?.markerName !== 'core_local_activity') continue;
    const data = decode<{ activity_type?: string }>(m.details?.data);
    if (data?.activity_type === activityType) return decode<T>(m.details?.result);
  }
  return undefined;
}

/** The workflow's result, when the history ends in completion. */
export function completionResult<T>(history: HistoryJson): T | undefined {
  const last = history.events[history.events.length - 1];
  return decode<T>(last?.workflowExecutionCompletedEventAttributes?.result);
}

/** The next run's input, when the history ends in continue-as-new. */
export function continuedAsNewInput<T>(history: HistoryJson): T | undefined {
  const last = history.events[history.events.length - 1];
  return decode<T>(last?.workflowExecutionContinuedAsNewEventAttributes?.input);
}
