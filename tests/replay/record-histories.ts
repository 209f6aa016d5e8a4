// `npm run record-histories`: runs the representative loan checks on a fresh dev server and
// PGlite, and writes their histories to tests/replay/histories/ for the replay gate.
// Re-record only for a deliberate change (and keep the old files when old histories must
// still replay: that is what patched() is for).
import { installRuntime } from '../../worker/runtime';
import { submitLoanCheck } from '../../client/loan-checks';
import { REPRESENTATIVE_LOANS } from './representative-loans';
import { startE2E } from '../support/stack';
import { recordRightsGrants } from './recorders/rights-grants';
import { recordLicences, recordLicenceEquity, recordLicencePackAtSubmission } from './recorders/licences';
import { recordReviews } from './recorders/reviews';
import { recordRewards, recordRewardCarry } from './recorders/rewards';
import { recordPackAtSubmission } from './recorders/loans';
import { save } from './recorders/save';

async function main() {
  installRuntime({ handleSignals: true });
  if (process.argv.includes('--pack-at-submission')) return recordPackAtSubmission();
  if (process.argv.includes('--rights-grant')) return recordRightsGrants();
  if (process.argv.includes('--licence')) return recordLicences();
  if (process.argv.includes('--review')) return recordReviews();
  if (process.argv.includes('--reward')) return recordRewards();
  if (process.argv.includes('--licence-equity')) return recordLicenceEquity();
  if (process.argv.includes('--licence-pack-at-submission')) return recordLicencePackAtSubmission();
  if (process.argv.includes('--reward-carry')) return recordRewardCarry();
  const e2e = await startE2E('pglite');
  const { env } = e2e;
  try {
    const names = Object.entries(REPRESENTATIVE_LOANS);
    for (const [i, [name, request]] of names.entries()) {
      const { workflowId, result } = await submitLoanCheck(env.client, request, {
        id: 'replay-recorder',
        role: 'bank',
      });
      const decided = await result;
      const history = await env.client.workflow.getHandle(workflowId).fetchHistory();
      console.log(
        `[${i + 1}/${names.length}] ${name}: ${decided.decision} under ${decided.policy.id}@${decided.policy.version} → ${save(name, history)}`,
      );
    }
  } finally {
    await e2e.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
