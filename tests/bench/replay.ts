// Replay throughput: the auditor's verification (determinism + re-derivation) over N histories
// next to bare Worker.runReplayHistories on the same histories, in the same run.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { Worker } from '@temporalio/worker';
import type { HistoryJson } from '../../client/audit/history';
import { verifyHistories } from '../../client/audit/verify';
import { workflowBundle } from '../../worker/create-worker';

export interface ReplayFigures {
  histories: number;
  verifyPerSecond: number;
  barePerSecond: number;
}

export async function replayThroughput(n: number, say: (line: string) => void): Promise<ReplayFigures> {
  const dir = path.join(__dirname, '..', 'replay', 'histories');
  const files = readdirSync(dir).filter((f) => f.endsWith('.json'));
  const histories = files.map((f) => JSON.parse(readFileSync(path.join(dir, f), 'utf8')) as HistoryJson);
  const items = Array.from({ length: n }, (_, i) => ({
    name: `h${i}`,
    workflowId: `bench-replay-${i}`,
    history: histories[i % histories.length],
  }));
  const workflowBundleCode = await workflowBundle();
  const bareReplay = async (list: typeof items) => {
    let replayed = 0;
    for await (const r of Worker.runReplayHistories(
      { workflowBundle: workflowBundleCode },
      list.map((i) => ({ workflowId: i.workflowId, history: historyFromJSON(i.history) })),
    )) {
      if (r.error) throw r.error;
      replayed++;
    }
    return replayed;
  };

  // Both once over a few histories first, unmeasured, so the one measured first does not also pay
  // for warming up (compiling, the workflow threads' first contexts): without it the ratio ranged
  // from 81 % to 129 % between three quiet runs on one evening.
  const warmUp = items.slice(0, Math.min(100, n));
  say(`warming up both replays on ${warmUp.length} histories…`);
  await verifyHistories(warmUp, () => undefined);
  await bareReplay(warmUp);

  say(`replaying ${n} histories with the auditor's verification…`);
  let t0 = performance.now();
  const verdicts = await verifyHistories(items, (done) => {
    if (done % 250 === 0) say(`  ${done}/${n}`);
  });
  const verifySeconds = (performance.now() - t0) / 1000;
  if (verdicts.some((v) => !v.verified)) throw new Error('a committed history failed verification');

  say(`replaying the same ${n} with bare Worker.runReplayHistories…`);
  t0 = performance.now();
  const bare = await bareReplay(items);
  const bareSeconds = (performance.now() - t0) / 1000;
  return { histories: n, verifyPerSecond: n / verifySeconds, barePerSecond: bare / bareSeconds };
}
