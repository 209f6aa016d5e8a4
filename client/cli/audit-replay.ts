// `transferflow audit replay`: the auditor's proof that today's code reproduces every decision.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { InvalidInputError } from '../issues';
import { connectClient } from '../temporal';
import { verifyHistories, type HistoryToVerify, type Verdict } from '../audit/verify';
import type { HistoryJson } from '../audit/history';
import { table } from './format';
import { MANIFEST } from '../audit/bundle-files';
import { checkBundle } from '../audit/verify-bundle';
import { verifierPublicKey } from '../audit-key';
import { installRuntime } from '../../worker/runtime';
import { WorkflowNotFoundError } from '@temporalio/client';
import { grpcCode } from '../errors';
import { ExitError } from './exit-error';
import { checkReplayedRecords, completedOutcomes } from './audit-reconcile';

/** A folder of histories, or an exported bundle: then its signature, files and proofs are checked first. */
function fromDir(
  dir: string,
  publicKeyFile?: string,
): { items: HistoryToVerify[]; tampered: string[]; problems: string[] } {
  let files: string[];
  let tampered: string[] = [];
  let problems: string[] = [];
  try {
    if (existsSync(path.join(dir, MANIFEST))) {
      ({ histories: files, tampered, problems } = checkBundle(dir, verifierPublicKey(publicKeyFile)));
    } else {
      files = readdirSync(dir)
        .filter((f) => f.endsWith('.json'))
        .sort();
    }
  } catch (error) {
    throw new InvalidInputError([{ path: 'dir', message: `cannot read ${dir}: ${(error as Error).message}` }]);
  }
  const items = files
    .filter((f) => !tampered.includes(f))
    .map((f, i) => {
      const history = JSON.parse(readFileSync(path.join(dir, f), 'utf8')) as HistoryJson;
      // Replay needs a workflow id; a file only has to be unique within the batch.
      return { name: f, workflowId: `file-${i}-${f}`, history };
    });
  return { items, tampered, problems };
}

async function fromTemporal(ids: string[]): Promise<HistoryToVerify[]> {
  const client = await connectClient();
  try {
    const items: HistoryToVerify[] = [];
    for (const [i, workflowId] of ids.entries()) {
      process.stderr.write(`fetching ${i + 1}/${ids.length} ${workflowId}\n`);
      const history = await client.workflow
        .getHandle(workflowId)
        .fetchHistory()
        .catch((error: unknown) => {
          // An unknown id is the auditor's mistake, answered at once: not found, exit 1.
          if (error instanceof WorkflowNotFoundError || grpcCode(error) === 5)
            throw new ExitError(1, `no workflow ${workflowId} (not found in namespace ${client.options.namespace})`);
          throw error;
        });
      items.push({ name: workflowId, workflowId, history: JSON.parse(historyToJSON(history)) });
    }
    return items;
  } finally {
    await client.connection.close();
  }
}

function line(v: Verdict): string[] {
  const problems = [
    ...(v.determinismError ? [`non-deterministic: ${v.determinismError}`] : []),
    ...(v.rederivation?.problems ?? ['no re-derivation for this workflow type']),
  ];
  return [
    v.verified ? 'verified' : 'FAILED',
    v.name,
    v.rederivation?.policy ?? '—',
    v.rederivation?.decision ?? '—',
    problems.join('; '),
  ];
}

/** Workflow ids matching a visibility query, e.g. `CaseKind = 'ma-loan' AND Decision = 'rejected'`. */
async function idsForQuery(query: string): Promise<string[]> {
  const client = await connectClient();
  try {
    const ids: string[] = [];
    for await (const wf of client.workflow.list({ query })) ids.push(wf.workflowId);
    return [...new Set(ids)];
  } finally {
    await client.connection.close();
  }
}

export async function runAuditReplay(
  givenIds: string[],
  opts: { dir?: string; query?: string; json?: boolean; publicKey?: string },
): Promise<number> {
  const ids = [...givenIds, ...(opts.query ? await idsForQuery(opts.query) : [])];
  if (!opts.dir && ids.length === 0) {
    throw new InvalidInputError([
      {
        path: opts.query ? 'query' : 'workflowIds',
        message: opts.query ? `no workflow matches ${opts.query}` : 'give workflow ids, --query or --dir <histories>',
      },
    ]);
  }
  // Everything is fetched before the SDK runtime is installed, and the runtime takes no signals:
  // Ctrl-C and SIGTERM end this command at once, as they do every other (nothing is written).
  const local = opts.dir ? fromDir(opts.dir, opts.publicKey) : { items: [], tampered: [], problems: [] };
  for (const f of local.tampered) process.stderr.write(`TAMPERED: ${f} no longer matches the bundle's manifest\n`);
  for (const p of local.problems) process.stderr.write(`NOT VERIFIED: ${p}\n`);
  const live = ids.length ? await fromTemporal(ids) : [];
  const items = [...local.items, ...live];
  installRuntime({ handleSignals: false });
  const verdicts = await verifyHistories(items, (done, total, v) => {
    process.stderr.write(
      `\r[${'#'.repeat(Math.round((done / total) * 30)).padEnd(30)}] ${done}/${total} ${v.verified ? 'ok  ' : 'FAIL'} `,
    );
  });
  process.stderr.write('\n');
  // Live cases: each completed workflow's decision must also be the database's record of it.
  const outcomes = completedOutcomes(live);
  const checked = outcomes.length ? await checkReplayedRecords(outcomes) : null;
  const records = typeof checked === 'string' ? null : checked;
  if (typeof checked === 'string')
    process.stderr.write(`decisions NOT checked against their database records: ${checked}\n`);
  const orphans = records?.workflowsWithoutRecord ?? [];
  const noRecord = new Set(orphans.map((o) => o.workflowId));
  const unverified = verdicts.filter((v) => !v.verified).length;
  // A case fails once, whether its replay, its re-derivation or its record is wrong.
  const orphaned = verdicts.filter((v) => v.verified && noRecord.has(v.name)).length;
  const verified = verdicts.length - unverified - orphaned;
  const failed = unverified + orphaned + local.tampered.length + local.problems.length;
  if (opts.json) {
    process.stdout.write(
      `${JSON.stringify({ verified, failed, tampered: local.tampered, bundleProblems: local.problems, recordsChecked: records !== null, withoutRecord: orphans, cases: verdicts }, null, 2)}\n`,
    );
  } else {
    const rows = [
      ...verdicts.map(line),
      ...local.tampered.map((f) => ['TAMPERED', f, '—', '—', 'file no longer matches the manifest']),
      ...orphans.map((o) => ['NO RECORD', o.workflowId, '—', '—', o.problem]),
      ...local.problems.map((p) => ['FAILED', 'bundle', '—', '—', p]),
    ];
    process.stdout.write(
      `${table([['verdict', 'case', 'policy', 'decision', 'problems'], ...rows])}\n\n${verified} verified, ${failed} failed\n`,
    );
  }
  return failed === 0 ? 0 : 1;
}
