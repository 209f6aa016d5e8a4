// Run by scripts/temporal-cluster.sh up when TF_CLUSTER_SECURE=1: makes a throwaway ES256 signing
// key, publishes its public half as a JWKS (served to the frontend on loopback), and signs one
// token per identity in the shape Temporal's default JWT claim mapper reads:
// `{"sub": …, "permissions": ["<namespace>:<role>"]}`.
//   api, worker  default:write    — transferflow's own processes: start workflows, send updates
//   auditor      default:read     — reads histories, replays; cannot write
//   admin        temporal-system:admin — the set-up script (namespace, search attributes, deployments)
// Nothing here is committed: the folder is the cluster's state folder (git-ignored).
import { createSign, generateKeyPairSync, randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const dir = process.argv[2];
if (!dir) throw new Error('usage: cluster-tokens.ts <secure folder>');

const IDENTITIES: Record<string, string[]> = {
  api: ['default:write'],
  worker: ['default:write'],
  auditor: ['default:read'],
  admin: ['temporal-system:admin'],
};

const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const kid = randomUUID();
mkdirSync(path.join(dir, 'jwks'), { recursive: true });
writeFileSync(
  path.join(dir, 'jwks', 'jwks.json'),
  JSON.stringify({ keys: [{ ...publicKey.export({ format: 'jwk' }), kid, alg: 'ES256', use: 'sig' }] }),
);

const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
const now = Math.floor(Date.now() / 1000);
for (const [name, permissions] of Object.entries(IDENTITIES)) {
  const signingInput = `${b64({ alg: 'ES256', typ: 'JWT', kid })}.${b64({
    sub: `transferflow-${name}`,
    permissions,
    iat: now,
    exp: now + 7 * 24 * 3600,
  })}`;
  // JOSE wants the raw r‖s signature, not DER.
  const signature = createSign('SHA256').update(signingInput).sign({ key: privateKey, dsaEncoding: 'ieee-p1363' });
  writeFileSync(path.join(dir, `${name}.jwt`), `${signingInput}.${signature.toString('base64url')}\n`, { mode: 0o600 });
}
