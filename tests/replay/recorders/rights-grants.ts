// Rights-grant histories for the replay gate (`npm run record-histories -- --rights-grant`).
import { startE2E } from '../../support/stack';
import { act, reach, startCase, throughReviews } from '../../support/rights-grant-driver';
import { EXAMPLE_RIGHTS_GRANT } from '../../../policies/rights-grant/example-request';
import type { WorkflowHandle } from '@temporalio/client';
import { save } from './save';

/**
 * Rights grants, recorded on the dev server like production: to the end where no long timer
 * stands in the way, and mid-case (in publicity, after an objection) where one does. The
 * branches behind long timers (escalation, reclaim, LTU renewal) are replayed by their own
 * time-skipping tests (tests/workflow/rights-grant.workflow.test.ts).
 */
export async function recordRightsGrants() {
  const e2e = await startE2E('pglite');
  const client = e2e.env.client;
  const queue = 'transferflow';
  const scenarios: Record<string, { run: () => Promise<WorkflowHandle>; finished: boolean }> = {
    'rights-grant-ineligible': {
      finished: true,
      run: async () =>
        startCase(client, queue, 'replay-rg-ineligible', {
          ...EXAMPLE_RIGHTS_GRANT,
          grant: { form: 'ownership', teamShare: 0.5 },
        }),
    },
    'rights-grant-department-rejects': {
      finished: true,
      run: async () => {
        const h = await startCase(client, queue, 'replay-rg-rejected');
        await reach(h, 'department-review');
        await act(h, 'department', { action: 'reject', reason: 'related-party licensee' });
        return h;
      },
    },
    'rights-grant-objection-in-publicity': {
      finished: false,
      run: async () => {
        const h = await startCase(client, queue, 'replay-rg-objection');
        await throughReviews(h);
        await act(h, 'department', { action: 'object', reason: 'a co-inventor disputes the split' });
        await reach(h, 'office-review');
        await act(h, 'tto', { action: 'approve' });
        await reach(h, 'publicity');
        return h;
      },
    },
    // In publicity counted on the official calendar (patch rights-grant-publicity-official-calendar).
    'rights-grant-publicity-official-calendar': {
      finished: false,
      run: async () => {
        const h = await startCase(client, queue, 'replay-rg-calendar');
        await throughReviews(h);
        return h;
      },
    },
  };
  try {
    const names = Object.entries(scenarios);
    for (const [i, [name, scenario]] of names.entries()) {
      const handle = await scenario.run();
      const stage = scenario.finished ? (await handle.result()).stage : (await reach(handle, 'publicity')).stage;
      console.log(`[${i + 1}/${names.length}] ${name}: ${stage} → ${save(name, await handle.fetchHistory())}`);
    }
  } finally {
    await e2e.close();
  }
}
