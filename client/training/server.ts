// The time-skipping test server for `transferflow dev --training` (tools/bin, installed by
// scripts/setup.sh test, or by scripts/start.sh when --training is given), with the search
// attributes the workflows upsert registered, as the tests do (tests/support/temporal-env.ts).
import { temporal } from '@temporalio/proto';
import { existingExecutable, testServerPath } from '../local-temporal';
import { SEARCH_ATTRIBUTE_NAMES } from '../../workflows/definitions';
import { trainingClock, type TrainingClock } from './clock';

export interface TrainingServer {
  address: string;
  clock: TrainingClock;
  stop(): Promise<void>;
}

export async function startTrainingServer(): Promise<TrainingServer> {
  // @temporalio/testing is a development dependency: loaded only when training mode is asked for.
  const { TestWorkflowEnvironment } = await import('@temporalio/testing');
  const env = await TestWorkflowEnvironment.createTimeSkipping({ server: { ...existingExecutable(testServerPath()) } });
  await env.connection.operatorService.addSearchAttributes({
    namespace: env.namespace ?? 'default',
    searchAttributes: Object.fromEntries(
      SEARCH_ATTRIBUTE_NAMES.map((name) => [name, temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD]),
    ),
  });
  return { address: env.address, clock: trainingClock(env), stop: () => env.teardown() };
}
