// Starts a workflow under a business-key id exactly once: concurrent duplicates join the running
// one, a finished one is never run again; either way the caller gets its handle.
import { WorkflowExecutionAlreadyStartedError, type Client, type WorkflowHandle } from '@temporalio/client';
import { TypedSearchAttributes } from '@temporalio/common';
import { SEARCH_ATTRIBUTES, TASK_QUEUE } from '../workflows/definitions';

export async function startOnce(
  client: Client,
  workflowType: string,
  workflowId: string,
  input: unknown,
  attributes: { caseKind: string; jurisdiction: string },
): Promise<WorkflowHandle> {
  try {
    return await client.workflow.start(workflowType, {
      taskQueue: TASK_QUEUE,
      workflowId,
      args: [input],
      workflowIdConflictPolicy: 'USE_EXISTING',
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
      typedSearchAttributes: new TypedSearchAttributes([
        { key: SEARCH_ATTRIBUTES.caseKind, value: attributes.caseKind },
        { key: SEARCH_ATTRIBUTES.jurisdiction, value: attributes.jurisdiction },
      ]),
    });
  } catch (error) {
    if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
    return client.workflow.getHandle(workflowId);
  }
}
