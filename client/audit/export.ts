// One self-contained audit bundle per case: every run's history, the domain records, the case's
// audit-log entries with their inclusion proofs against a signed tree head, the exact packs that
// decided (content and hash), the audit log's state, and a readable summary. The server signs a
// manifest of the files' SHA-256 (client/audit/bundle-files.ts); the CLI writes the files.
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import type { Client } from '@temporalio/client';
import type { PrismaClient } from '../../prisma/generated/client';
import { getPack, packHash } from '../../policies/registry';
import type { PolicyPack } from '../../policies/types';
import { verifyAuditLog, type LogReport } from '../../activities/audit-verify';
import { inclusionProofsFor, latestHead, type AuditSequencer } from '../../activities/audit-sequencer';
import { fileHashes, type BundleProofs, type SignedManifest } from './bundle-files';
import { workflowType, type HistoryJson } from './history';
import { verifyHistories, type Verdict } from './verify';

export interface AuditBundle {
  workflowId: string;
  workflowType: string;
  exportedAt: string;
  runs: Array<{ runId: string; history: HistoryJson }>;
  records: Record<string, unknown>;
  auditLog: Array<Record<string, unknown>>;
  packs: Array<{ ref: string; hash: string; pack: PolicyPack }>;
  /** The whole audit log's verification at export time (GET /v1/audit/chain). */
  log: LogReport;
  verdicts: Verdict[];
  proofs: BundleProofs;
  summary: string;
  manifest: SignedManifest;
}

export async function fetchRuns(
  client: Client,
  workflowId: string,
): Promise<Array<{ runId: string; history: HistoryJson }>> {
  const runs: Array<{ runId: string; history: HistoryJson }> = [];
  let runId: string | undefined = (await client.workflow.getHandle(workflowId).describe()).runId;
  while (runId) {
    const history = JSON.parse(
      historyToJSON(await client.workflow.getHandle(workflowId, runId).fetchHistory()),
    ) as HistoryJson;
    runs.unshift({ runId, history });
    runId = history.events[0]?.workflowExecutionStartedEventAttributes?.continuedExecutionRunId || undefined;
  }
  return runs;
}

function packsUsed(auditLog: Array<{ payload: unknown }>, records: Record<string, unknown>): string[] {
  const refs = new Set<string>();
  for (const e of auditLog) {
    const p = e.payload as { policy?: string };
    if (p?.policy) refs.add(p.policy);
  }
  const loan = records.loanCheck as { policyId?: string; policyVersion?: string } | undefined;
  if (loan?.policyId) refs.add(`${loan.policyId}@${loan.policyVersion}`);
  const kase = records.case as { policyId?: string; policyVersion?: string } | undefined;
  if (kase?.policyId) refs.add(`${kase.policyId}@${kase.policyVersion}`);
  return [...refs].sort();
}

function summarise(b: Omit<AuditBundle, 'summary' | 'manifest'>): string {
  const lines = [
    `# Audit bundle: ${b.workflowId}`,
    '',
    `- workflow type: ${b.workflowType}; runs: ${b.runs.length}; exported ${b.exportedAt}`,
    `- packs: ${b.packs.map((p) => `${p.ref} (sha256 ${p.hash.slice(0, 16)}…)`).join(', ') || 'none recorded'}`,
    `- replay against this code: ${b.verdicts.every((v) => v.verified) ? 'verified (deterministic, every recorded decision re-derived)' : 'FAILED'}`,
    `- audit log: ${b.log.verified ? `verified (${b.log.sequenced} entries under signed heads, ${b.log.pending} pending)` : `NOT VERIFIED: ${b.log.problems[0]?.message}`}`,
    `- this case's entries: ${b.proofs.entries.length} of ${b.auditLog.length} proven included in the signed head of size ${b.proofs.head?.treeSize ?? '—'}`,
    '',
    '## Timeline',
    '',
    '| # | when | action | actor | role | payload sha256 |',
    '|---|---|---|---|---|---|',
    ...b.auditLog.map(
      (e) =>
        `| ${e.seq} | ${e.at} | ${e.action} | ${e.actorId} | ${e.actorRole} | ${String(e.payloadHash).slice(0, 16)}… |`,
    ),
  ];
  for (const v of b.verdicts) {
    if (v.rederivation?.problems.length)
      lines.push('', `## Problems in ${v.name}`, '', ...v.rederivation.problems.map((p) => `- ${p}`));
  }
  return `${lines.join('\n')}\n`;
}

export async function buildAuditBundle(
  client: Client,
  prisma: PrismaClient,
  workflowId: string,
  sequencer?: AuditSequencer,
): Promise<AuditBundle> {
  const runs = await fetchRuns(client, workflowId);
  const records: Record<string, unknown> = {};
  const loanCheck = await prisma.loanCheck.findUnique({ where: { workflowId } });
  if (loanCheck) records.loanCheck = loanCheck;
  const kase = await prisma.case.findUnique({ where: { workflowId } });
  if (kase) {
    records.case = kase;
    const ledger = await prisma.ledgerEntry.findUnique({ where: { caseId: kase.id } });
    if (ledger) records.ledgerEntry = ledger;
    const money = await prisma.licenceLedgerEntry.findMany({ where: { caseId: kase.id }, orderBy: { seq: 'asc' } });
    if (money.length)
      records.licenceLedger = money.map((m) => ({ ...m, seq: Number(m.seq), amountCny: m.amountCny.toFixed(2) }));
    const links = await prisma.caseLink.findMany({
      where: { OR: [{ linkedCaseId: kase.id }, { reviewCaseId: kase.id }] },
    });
    if (links.length) records.caseLinks = links;
  }
  // Sequence first, so the case's newest entries are covered by the head the bundle is proven against.
  const head = (await sequencer?.sequence()) ?? (await latestHead(prisma));
  const events = await prisma.auditEvent.findMany({ where: { caseId: workflowId }, orderBy: { seq: 'asc' } });
  const auditLog = events.map(({ prevHash: _p, hash: _h, ...e }) => ({
    ...e,
    seq: Number(e.seq),
    at: e.at.toISOString(),
  }));
  const proven = head
    ? await inclusionProofsFor(
        prisma,
        events.map((e) => e.seq),
        head.treeSize,
      )
    : new Map();
  const proofs: BundleProofs = {
    head,
    entries: events.flatMap((e) => {
      const p = proven.get(e.seq);
      return p ? [{ seq: Number(e.seq), ...p }] : [];
    }),
  };
  const packs = packsUsed(auditLog, records).map((ref) => {
    const pack = getPack(ref);
    return { ref, hash: packHash(pack), pack };
  });
  const verdicts = await verifyHistories(
    runs.map((r) => ({ name: `history/${r.runId}.json`, workflowId: `${workflowId}#${r.runId}`, history: r.history })),
  );
  const base = {
    workflowId,
    workflowType: workflowType(runs[0].history) ?? 'unknown',
    exportedAt: new Date().toISOString(),
    runs,
    records: JSON.parse(JSON.stringify(records, (_k, v) => (typeof v === 'bigint' ? Number(v) : v))),
    auditLog,
    packs,
    log: await verifyAuditLog(prisma, { publicKey: sequencer?.signer.publicKey }),
    verdicts,
    proofs,
  };
  const summary = summarise(base);
  // Hashed as the JSON the CLI receives (Dates as strings, no undefined), so its files hash the same.
  const plain = JSON.parse(JSON.stringify({ ...base, summary })) as Omit<AuditBundle, 'manifest'>;
  const body = {
    workflowId,
    workflowType: plain.workflowType,
    exportedAt: plain.exportedAt,
    packs: plain.packs.map((p) => ({ ref: p.ref, hash: p.hash })),
    head,
    keyId: sequencer?.signer.keyId ?? null,
    files: fileHashes({ ...plain, verification: verificationOf(plain) }),
  };
  return { ...plain, manifest: { ...body, signature: sequencer?.signer.signManifest(body) ?? null } };
}

/** verification.json: the log's state and every run's verdict at export time. */
export function verificationOf(b: Pick<AuditBundle, 'log' | 'verdicts'>): unknown {
  return { log: b.log, verdicts: b.verdicts };
}
