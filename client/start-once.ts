// Starts a workflow under a business-key id exactly once: concurrent duplicates join the running
// one, a finished one is never run again; either way the caller gets its handle, and learns
// whether its own start began the run (so a duplicate can be answered as one without first
// asking the database whether the key was used). The workflow's
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

export interface StartedOnce<W extends CaseWorkflow> {
  handle: WorkflowHandle<W>;
  /** False when a run under this id had already begun (running or finished): this start was a duplicate. */
  started: boolean;
}

export async function startOnce<W extends CaseWorkflow>(
  client: Client,
  workflowType: string,
  workflowId: string,
  input: Parameters<W>[0],
  attributes: { caseKind: string; jurisdiction: string },
): Promise<StartedOnce<W>> {
  try {
    // The cast: TypeScript cannot resolve WorkflowStartOptions' conditional `args` type for a
    // generic W; `input` is already checked against W's parameter above.
    const options = {
      taskQueue: TASK_QUEUE,
      workflowId,
      args: [input],
      // FAIL, not USE_EXISTING: joining a running run would hide that this start was a duplicate
      // (the SDK does not pass the server's `started` flag on); the error tells, and we join below.
      workflowIdConflictPolicy: 'FAIL',
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
      // Possible when the client shares a worker's connection (the stack's API does): the first
      // task then runs in this process without waiting for a poll. Elsewhere (the CLI) it is not.
      requestEagerStart: client.connection instanceof NativeConnection,
      typedSearchAttributes: new TypedSearchAttributes([
        { key: SEARCH_ATTRIBUTES.caseKind, value: attributes.caseKind },
        { key: SEARCH_ATTRIBUTES.jurisdiction, value: attributes.jurisdiction },
      ]),
    } as unknown as WorkflowStartOptions<W>;
    return { handle: await client.workflow.start<W>(workflowType, options), started: true };
  } catch (error) {
    if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
    return { handle: client.workflow.getHandle<W>(workflowId), started: false };
  }
}
