// Verifies histories against this code: Temporal's replay (determinism: the code still issues
// the same commands), then re-derivation of every recorded decision (the same rule still gives
// the same answer). A case verifies only when both hold. A running case is replayed up to the last
// task it answered (answered-history.ts).
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { Worker } from '@temporalio/worker';
import { workflowBundle } from '../../worker/create-worker';
import { MA_LOAN_WORKFLOW } from '../../workflows/ma-loan-definitions';
import { workflowType, type HistoryJson } from './history';
import { answeredHistory } from './answered-history';
import { rederiveMaLoan, type Rederivation } from './rederive-ma-loan';
import { rederiveRightsGrant } from './rederive-rights-grant';
import { RIGHTS_GRANT_WORKFLOW } from '../../workflows/rights-grant-definitions';
import { DEFERRED_LICENCE_WORKFLOW } from '../../workflows/deferred-licence-definitions';
import { rederiveDeferredLicence } from './rederive-deferred-licence';
import { DILIGENCE_EXEMPTION_WORKFLOW } from '../../workflows/diligence-exemption-definitions';
import { rederiveDiligenceExemption } from './rederive-diligence-exemption';
import { REWARD_WORKFLOW } from '../../workflows/transformation-reward-definitions';
import { rederiveReward } from './rederive-reward';

export interface HistoryToVerify {
  /** A file name or a workflow id: how the auditor names the case. */
  name: string;
  workflowId: string;
  history: HistoryJson;
}

export interface Verdict {
  name: string;
  workflowType: string;
  deterministic: boolean;
  determinismError?: string;
  rederivation: Rederivation | null;
  verified: boolean;
}

const REDERIVERS: Record<string, (h: HistoryJson) => Rederivation> = {
  [MA_LOAN_WORKFLOW]: (h) => rederiveMaLoan(h),
  [RIGHTS_GRANT_WORKFLOW]: (h) => rederiveRightsGrant(h),
  [DEFERRED_LICENCE_WORKFLOW]: (h) => rederiveDeferredLicence(h),
  [DILIGENCE_EXEMPTION_WORKFLOW]: (h) => rederiveDiligenceExemption(h),
  [REWARD_WORKFLOW]: (h) => rederiveReward(h),
};

export async function verifyHistories(
  items: HistoryToVerify[],
  onProgress?: (done: number, total: number, v: Verdict) => void,
): Promise<Verdict[]> {
  const bundle = await workflowBundle();
  const byWorkflowId = new Map(items.map((i) => [i.workflowId, i]));
  const verdicts: Verdict[] = [];
  const replays = Worker.runReplayHistories(
    { workflowBundle: bundle, replayName: 'transferflow-audit' },
    items.map((i) => ({ workflowId: i.workflowId, history: answeredHistory(historyFromJSON(i.history)) })),
  );
  for await (const result of replays) {
    const item = byWorkflowId.get(result.workflowId)!;
    const type = workflowType(item.history) ?? 'unknown';
    const rederive = REDERIVERS[type];
    const rederivation = rederive ? rederive(item.history) : null;
    const deterministic = !result.error;
    const verdict: Verdict = {
      name: item.name,
      workflowType: type,
      deterministic,
      determinismError: result.error?.message,
      rederivation,
      verified: deterministic && rederivation !== null && rederivation.problems.length === 0,
    };
    verdicts.push(verdict);
    onProgress?.(verdicts.length, items.length, verdict);
  }
  return verdicts;
}
