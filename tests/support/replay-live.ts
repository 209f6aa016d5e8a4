// Replays a test workflow's history as it stands (running or closed) against this code, cut back to
// the last task the workflow answered — what the auditor's verification does (client/audit/answered-history.ts).
import { Worker } from '@temporalio/worker';
import type { Client } from '@temporalio/client';
import { workflowBundle } from '../../worker/create-worker';
import { answeredHistory } from '../../client/audit/answered-history';

export async function expectReplays(client: Client, workflowId: string, runId?: string): Promise<void> {
  const history = await client.workflow.getHandle(workflowId, runId).fetchHistory();
  await Worker.runReplayHistory({ workflowBundle: await workflowBundle() }, answeredHistory(history), workflowId);
}
