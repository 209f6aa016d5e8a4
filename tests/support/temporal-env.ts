// Real Temporal servers for tests: the Java time-skipping test server and the Temporal CLI dev
// server, both installed by scripts/setup.sh.
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { temporal } from '@temporalio/proto';
import { existingExecutable, temporalCliPath, testServerPath } from '../../client/local-temporal';
import { SEARCH_ATTRIBUTE_NAMES, SEARCH_ATTRIBUTES } from '../../workflows/definitions';

/** The time-skipping server, with the search attributes registered (its operator service accepts them). */
export async function timeSkippingEnv(): Promise<TestWorkflowEnvironment> {
  return withSearchAttributes(
    await TestWorkflowEnvironment.createTimeSkipping({ server: { ...existingExecutable(testServerPath()) } }),
  );
}

/** Registers the search attributes the workflows upsert (the time-skipping server's operator service accepts them). */
export async function withSearchAttributes(env: TestWorkflowEnvironment): Promise<TestWorkflowEnvironment> {
  await env.connection.operatorService.addSearchAttributes({
    namespace: env.namespace ?? 'default',
    searchAttributes: Object.fromEntries(
      SEARCH_ATTRIBUTE_NAMES.map((name) => [name, temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD]),
    ),
  });
  return env;
}

export function devServerEnv(): Promise<TestWorkflowEnvironment> {
  return TestWorkflowEnvironment.createLocal({
    server: {
      ...existingExecutable(temporalCliPath()),
      ip: '127.0.0.1',
      searchAttributes: Object.values(SEARCH_ATTRIBUTES),
    },
  });
}
