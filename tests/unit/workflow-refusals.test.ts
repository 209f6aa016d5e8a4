// A workflow's refusal (workflows/failures.ts) reaches the API and CLI as the error the shared
// table maps: invalid input on the field it names (400), forbidden (403), invalid state (409).
import { WorkflowUpdateFailedError, type Client } from '@temporalio/client';
import { defineUpdate } from '@temporalio/workflow';
import { FAILURE, refusal, type FailureType } from '../../workflows/failures';
import { executeAct } from '../../client/workflow-calls';
import { problemFor } from '../../client/errors';

const act = defineUpdate<unknown, [unknown]>('act');

/** A client whose update is refused by the workflow's validator. */
const refusing = (cause: Error) =>
  ({
    workflow: {
      getHandle: () => ({ executeUpdate: () => Promise.reject(new WorkflowUpdateFailedError('update failed', cause)) }),
    },
  }) as unknown as Client;

async function answerTo(type: FailureType, field?: string) {
  const error = await executeAct(refusing(refusal(type, `refused: ${type}`, field)), 'wf-1', act, {}).catch(
    (e: unknown) => e,
  );
  return problemFor(error);
}

test.each([
  [
    FAILURE.invalidInput,
    'reason',
    { status: 400, body: { error: 'invalid-input', issues: [{ path: 'reason', message: 'refused: invalid-input' }] } },
  ],
  [
    FAILURE.invalidInput,
    undefined,
    { status: 400, body: { error: 'invalid-input', issues: [{ path: 'action', message: 'refused: invalid-input' }] } },
  ],
  [FAILURE.forbidden, undefined, { status: 403, body: { error: 'forbidden', message: 'refused: forbidden' } }],
  [
    FAILURE.invalidState,
    undefined,
    { status: 409, body: { error: 'invalid-state', message: 'refused: invalid-state' } },
  ],
] as const)('%s (field %s)', async (type, field, expected) => {
  expect(await answerTo(type, field)).toMatchObject(expected);
});
