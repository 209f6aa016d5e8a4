// `transferflow audit replay`: the auditor's proof that today's code reproduces every decision.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { InvalidInputError } from '../issues';
import { connectClient } from '../temporal';
import { verifyHistories, type HistoryToVerify, type Verdict } from '../audit/verify';
import type { HistoryJson } from '../audit/history';
import { table } from './format';
import { installRuntime } from '../../worker/runtime';

function fromDir(dir: string): HistoryToVerify[] {
  let files: string[];
  try {
    files = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
  } catch (error) {
    throw new InvalidInputError([{ path: 'dir', message: `cannot read ${dir}: ${(error as Error).message}` }]);
  }
  return files.map((f, i) => {
    const history = JSON.parse(readFileSync(path.join(dir, f), 'utf8')) as HistoryJson;
    // Replay needs a workflow id; a file only has to be unique within the batch.
    return { name: f, workflowId: `file-${i}-${f}`, history };
  });
}

async function fromTemporal(ids: string[]): Promise<HistoryToVerify[]> {
  const client = await connectClient();
  try {
    const items: HistoryToVerify[] = [];
    for (const [i, workflowId] of ids.entries()) {
      process.stderr.write(`fetching ${i + 1}/${ids.length} ${workflowId}\n`);
      const history = await client.workflow.getHandle(workflowId).fetchHistory();
      items.push({ name: workflowId, workflowId, history: JSON.parse(historyToJSON(history)) });
    }
    return items;
  } finally {
    await client.connection.close();
  }
}

function line(v: Verdict): string[] {
  const problems = [...(v.determinismError ? [`non-deterministic: ${v.determinismError}`] : []), ...(v.rederivation?.problems ?? ['no re-derivation for this workflow type'])];
  return [v.verified ? 'verified' : 'FAILED', v.name, v.rederivation?.policy ?? '—', v.rederivation?.decision ?? '—', problems.join('; ')];
}

export async function runAuditReplay(ids: string[], opts: { dir?: string; json?: boolean }): Promise<number> {
  if (!opts.dir && ids.length === 0) throw new InvalidInputError([{ path: 'workflowIds', message: 'give workflow ids or --dir <histories>' }]);
  installRuntime({ handleSignals: true });
  const items = [...(opts.dir ? fromDir(opts.dir) : []), ...(ids.length ? await fromTemporal(ids) : [])];
  const verdicts = await verifyHistories(items, (done, total, v) => {
    process.stderr.write(`\r[${'#'.repeat(Math.round((done / total) * 30)).padEnd(30)}] ${done}/${total} ${v.verified ? 'ok  ' : 'FAIL'} `);
  });
  process.stderr.write('\n');
  const failed = verdicts.filter((v) => !v.verified).length;
  if (opts.json) {
    process.stdout.write(`${JSON.stringify({ verified: verdicts.length - failed, failed, cases: verdicts }, null, 2)}\n`);
  } else {
    process.stdout.write(`${table([['verdict', 'case', 'policy', 'decision', 'problems'], ...verdicts.map(line)])}\n\n${verdicts.length - failed} verified, ${failed} failed\n`);
  }
  return failed === 0 ? 0 : 1;
}
