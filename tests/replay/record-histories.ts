// `npm run record-histories`: runs the representative loan checks on a fresh dev server and
// PGlite, and writes their histories to tests/replay/histories/ for the replay gate.
// Re-record only for a deliberate change (and keep the old files when old histories must
// still replay: that is what patched() is for).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { openDatabase } from '../../prisma/database';
import { ApiKeys } from '../../client/api/auth';
import { startStack } from '../../client/stack';
import { submitLoanCheck } from '../../client/loan-checks';
import { existingExecutable, temporalCliPath } from '../../client/local-temporal';
import { SEARCH_ATTRIBUTES } from '../../workflows/definitions';
import { REPRESENTATIVE_LOANS } from './representative-loans';

async function main() {
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const env = await TestWorkflowEnvironment.createLocal({
    server: { ...existingExecutable(temporalCliPath()), ip: '127.0.0.1', searchAttributes: Object.values(SEARCH_ATTRIBUTES) },
  });
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tf-record-'));
  const database = await openDatabase({ url: '', dataDir: dir });
  const stack = await startStack({ temporal: { address: env.address, namespace: 'default' }, database, keys: new ApiKeys([]), port: 0 });
  try {
    const names = Object.entries(REPRESENTATIVE_LOANS);
    for (const [i, [name, request]] of names.entries()) {
      const { workflowId, result } = await submitLoanCheck(env.client, request, { id: 'replay-recorder', role: 'bank' });
      const decided = await result;
      const history = await env.client.workflow.getHandle(workflowId).fetchHistory();
      const file = path.join(__dirname, 'histories', `${name}.json`);
      writeFileSync(file, `${JSON.stringify(JSON.parse(historyToJSON(history)), null, 2)}\n`);
      console.log(`[${i + 1}/${names.length}] ${name}: ${decided.decision} under ${decided.policy.id}@${decided.policy.version} → ${path.relative(process.cwd(), file)}`);
    }
  } finally {
    await stack.stop();
    await database.close();
    await env.teardown();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
