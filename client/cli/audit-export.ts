// `transferflow audit export <workflowId> --out <dir>`: writes the case's audit bundle as files
// with a manifest of SHA-256 checksums, so it can be verified later with no server
// (`transferflow audit replay --dir <dir>`).
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { AuditBundle } from '../audit/export';
import { apiRequest } from './api-client';

export const MANIFEST = 'manifest.json';

export async function runAuditExport(workflowId: string, out: string): Promise<AuditBundle> {
  const bundle = (await apiRequest(
    'GET',
    `/v1/audit/export?workflowId=${encodeURIComponent(workflowId)}`,
  )) as AuditBundle;
  const files: Record<string, string> = {};
  const write = (name: string, content: string) => {
    const file = path.join(out, name);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, content);
    files[name] = createHash('sha256').update(content).digest('hex');
  };
  for (const run of bundle.runs) write(`history/${run.runId}.json`, `${JSON.stringify(run.history, null, 2)}\n`);
  write('records.json', `${JSON.stringify(bundle.records, null, 2)}\n`);
  write('audit-log.json', `${JSON.stringify(bundle.auditLog, null, 2)}\n`);
  for (const p of bundle.packs) write(`packs/${p.ref}.json`, `${JSON.stringify(p.pack, null, 2)}\n`);
  write('verification.json', `${JSON.stringify({ chain: bundle.chain, verdicts: bundle.verdicts }, null, 2)}\n`);
  write('summary.md', bundle.summary);
  const manifest = {
    workflowId: bundle.workflowId,
    workflowType: bundle.workflowType,
    exportedAt: bundle.exportedAt,
    packs: bundle.packs.map((p) => ({ ref: p.ref, hash: p.hash })),
    files,
  };
  writeFileSync(path.join(out, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
  return bundle;
}
