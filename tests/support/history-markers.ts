import { defaultPayloadConverter } from '@temporalio/common';
import { historyToJSON, JSONToPayload } from '@temporalio/common/lib/proto-utils';

/** How many attempts a local activity took, from its marker in a history. */
export function localActivityAttempts(history: Parameters<typeof historyToJSON>[0], activityType: string): number {
  const json = JSON.parse(historyToJSON(history)) as { events: Array<Record<string, any>> };
  for (const e of json.events) {
    const m = e.markerRecordedEventAttributes;
    if (m?.markerName !== 'core_local_activity') continue;
    const data = defaultPayloadConverter.fromPayload<{ activity_type: string; attempt: number }>(
      JSONToPayload(m.details.data.payloads[0]),
    );
    if (data.activity_type === activityType) return data.attempt;
  }
  return 0;
}
