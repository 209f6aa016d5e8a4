// Run by scripts/temporal-cluster.sh up: waits for the cluster's frontend, then registers the
// `default` namespace (or the one named third: a test that needs a namespace of its own) and
// transferflow's search attributes (the dev server does both itself at start). Idempotent: an
// existing namespace or attribute is left as it is.
//   node -r ./scripts/register.js scripts/cluster-namespace.ts <host:port> <state folder> [namespace]
import { existsSync } from 'node:fs';
import path from 'node:path';
import { Connection } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import Long from 'long';
import { SEARCH_ATTRIBUTE_NAMES } from '../workflows/definitions';
import { clusterAdminConnection } from './cluster-connection';

const [address, state, namespace = 'default'] = process.argv.slice(2);
const NOT_FOUND = 5;
const ALREADY_EXISTS = 6;

async function connectWhenServing(timeoutMs: number): Promise<Connection> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const connection = await Connection.connect({ ...clusterAdminConnection(state), address, connectTimeout: '2s' });
      await connection.workflowService.getSystemInfo({});
      return connection;
    } catch (error) {
      last = error;
      await new Promise((r) => setTimeout(r, 500));
    }
  }
  throw new Error(`the cluster's frontend did not answer at ${address}: ${(last as Error)?.message}`);
}

async function main(): Promise<void> {
  const connection = await connectWhenServing(120_000);
  try {
    // Right after start the services are still finding each other: retry what is unavailable.
    // Registered once; the namespace cache then takes a few seconds to show it.
    const deadline = Date.now() + 120_000;
    let registered = false;
    for (;;) {
      try {
        await connection.workflowService.describeNamespace({ namespace });
        break;
      } catch (error) {
        const code = (error as { code?: number }).code;
        if (Date.now() > deadline) throw error;
        if (code === NOT_FOUND && !registered) {
          await connection.workflowService
            .registerNamespace({
              namespace,
              workflowExecutionRetentionPeriod: { seconds: Long.fromNumber(7 * 24 * 3600) },
            })
            .then(
              () => (registered = true),
              (e: { code?: number }) => {
                if (e.code === ALREADY_EXISTS) registered = true;
              },
            );
        }
        await new Promise((r) => setTimeout(r, 1000));
      }
    }
    const existing = await connection.operatorService.listSearchAttributes({ namespace });
    const missing = SEARCH_ATTRIBUTE_NAMES.filter((name) => !(name in (existing.customAttributes ?? {})));
    if (missing.length)
      await connection.operatorService.addSearchAttributes({
        namespace,
        searchAttributes: Object.fromEntries(
          missing.map((name) => [name, temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD]),
        ),
      });
    // A workflow started before the namespace cache holds the attributes would be refused: wait.
    for (;;) {
      const now = await connection.operatorService.listSearchAttributes({ namespace });
      if (SEARCH_ATTRIBUTE_NAMES.every((name) => name in (now.customAttributes ?? {}))) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    if (state && existsSync(path.join(state, 'secure', 'enabled')))
      process.stderr.write(`cluster: namespace ${namespace} (secure: mTLS + JWT authorizer)\n`);
  } finally {
    await connection.close();
  }
}

main().catch((error) => {
  process.stderr.write(`cluster: ${(error as Error).message}\n`);
  process.exit(1);
});
