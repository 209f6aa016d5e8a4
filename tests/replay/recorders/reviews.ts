// Exemption-review histories for the replay gate (`--review`).
import { startE2E } from '../../support/stack';
import { findAll, reachReview, reviewAct, startReview } from '../../support/review-driver';
import { save } from './save';

/** Exemption reviews on the dev server: declined at acceptance, and decided with a reasoned difference. */
export async function recordReviews() {
  const e2e = await startE2E('pglite');
  const client = e2e.env.client;
  const queue = 'transferflow';
  try {
    const declined = await startReview(client, queue, 'replay-de-declined');
    await reachReview(declined, 'acceptance');
    await reviewAct(declined, 'reviewer', { action: 'decline', reason: 'the applicant took no part in the decision' });
    await declined.result();
    console.log(
      `[1/2] diligence-exemption-declined → ${save('diligence-exemption-declined', await declined.fetchHistory())}`,
    );

    const decided = await startReview(client, queue, 'replay-de-decided');
    await reachReview(decided, 'acceptance');
    await reviewAct(decided, 'reviewer', { action: 'accept' });
    await findAll(decided, ['Li Ming', 'Zhao Hua'], { 'Zhao Hua/collusion': true });
    await reachReview(decided, 'determination');
    await reviewAct(decided, 'committee', {
      action: 'determine',
      outcomes: [
        { person: 'Li Ming', outcome: 'exempt' },
        { person: 'Zhao Hua', outcome: 'partly', reason: 'acted on the leader’s written instruction' },
      ],
    });
    await reviewAct(decided, 'tto', { action: 'apply-result', reference: 'HR-2026-REPLAY' });
    await decided.result();
    console.log(
      `[2/2] diligence-exemption-decided → ${save('diligence-exemption-decided', await decided.fetchHistory())}`,
    );
  } finally {
    await e2e.close();
  }
}
