// `transferflow audit export <workflowId> --out <dir>`: writes the case's audit bundle as files
// with the manifest the server signed (the SHA-256 of every file, the signed tree head the
// entries are proven against), so it can be verified later with no server and only the public
// key (`transferflow audit replay --dir <dir> --public-key <pem>`).
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { verificationOf, type AuditBundle } from '../audit/export';
import { bundleFiles, MANIFEST, sha256 } from '../audit/bundle-files';
import { apiRequest } from './api-client';

export { MANIFEST };

export async function runAuditExport(workflowId: string, out: string): Promise<AuditBundle> {
  const bundle = (await apiRequest(
    'GET',
    `/v1/audit/export?workflowId=${encodeURIComponent(workflowId)}`,
  )) as AuditBundle;
  for (const f of bundleFiles({ ...bundle, verification: verificationOf(bundle) })) {
    // The server signed these bytes; a difference here is a bug or a changed answer on the way.
    if (bundle.manifest.files[f.name] !== sha256(f.text))
      throw new Error(`the bundle's ${f.name} does not match the manifest the server signed`);
    const file = path.join(out, f.name);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, f.text);
  }
  writeFileSync(path.join(out, MANIFEST), `${JSON.stringify(bundle.manifest, null, 2)}\n`);
  return bundle;
}
