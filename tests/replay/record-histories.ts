// `npm run record-histories`: runs the representative loan checks on a fresh dev server and
// PGlite, and writes their histories to tests/replay/histories/ for the replay gate.
// Re-record only for a deliberate change (and keep the old files when old histories must
// still replay: that is what patched() is for).
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { installRuntime } from '../../worker/runtime';
import { submitLoanCheck } from '../../client/loan-checks';
import { REPRESENTATIVE_LOANS } from './representative-loans';
import { startE2E } from '../support/stack';

async function main() {
  installRuntime({ handleSignals: true });
  const e2e = await startE2E('pglite');
  const { env } = e2e;
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
    await e2e.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
