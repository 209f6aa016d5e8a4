// Starts a workflow under a business-key id exactly once: concurrent duplicates join the running
// one, a finished one is never run again; either way the caller gets its handle. The workflow's
// type parameter (from a type-only import of the workflow function, so no workflow code enters
// the client) types the arguments and the handle's result.
import {
  WorkflowExecutionAlreadyStartedError,
  type Client,
  type WorkflowHandle,
  type WorkflowStartOptions,
} from '@temporalio/client';
import { TypedSearchAttributes, type Workflow } from '@temporalio/common';
import { NativeConnection } from '@temporalio/worker';
import { SEARCH_ATTRIBUTES, TASK_QUEUE } from '../workflows/definitions';

/** Every case workflow takes one input. */
type CaseWorkflow = Workflow & ((input: never) => Promise<unknown>);

export async function startOnce<W extends CaseWorkflow>(
  client: Client,
  workflowType: string,
  workflowId: string,
  input: Parameters<W>[0],
  attributes: { caseKind: string; jurisdiction: string },
): Promise<WorkflowHandle<W>> {
  try {
    // The cast: TypeScript cannot resolve WorkflowStartOptions' conditional `args` type for a
    // generic W; `input` is already checked against W's parameter above.
    const options = {
      taskQueue: TASK_QUEUE,
      workflowId,
      args: [input],
      workflowIdConflictPolicy: 'USE_EXISTING',
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
      // Possible when the client shares a worker's connection (the stack's API does): the first
      // task then runs in this process without waiting for a poll. Elsewhere (the CLI) it is not.
      requestEagerStart: client.connection instanceof NativeConnection,
      typedSearchAttributes: new TypedSearchAttributes([
        { key: SEARCH_ATTRIBUTES.caseKind, value: attributes.caseKind },
        { key: SEARCH_ATTRIBUTES.jurisdiction, value: attributes.jurisdiction },
      ]),
    } as unknown as WorkflowStartOptions<W>;
    return await client.workflow.start<W>(workflowType, options);
  } catch (error) {
    if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
    return client.workflow.getHandle<W>(workflowId);
  }
}
