// How the cluster scripts connect as the cluster's administrator: plainly, or — when the cluster
// was brought up with TF_CLUSTER_SECURE=1 — with the test CA's client certificate and the admin
// token (temporal-system:admin) made in the state folder by scripts/cluster-tokens.ts.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { ConnectionOptions } from '@temporalio/client';

export function readToken(state: string, name: string): string {
  return readFileSync(path.join(state, 'secure', `${name}.jwt`), 'utf8').trim();
}

/** TLS (client certificate, the test CA) and a bearer token, for the identity `name`. */
export function clusterConnection(state: string, name: string): Partial<ConnectionOptions> {
  const dir = path.join(state, 'secure');
  if (!existsSync(path.join(dir, 'enabled'))) return {};
  return {
    tls: {
      serverNameOverride: 'localhost',
      serverRootCACertificate: readFileSync(path.join(dir, 'ca.pem')),
      clientCertPair: {
        crt: readFileSync(path.join(dir, 'client.pem')),
        key: readFileSync(path.join(dir, 'client.key')),
      },
    },
    apiKey: readToken(state, name),
  };
}

export function clusterAdminConnection(state: string | undefined): Partial<ConnectionOptions> {
  return state ? clusterConnection(state, 'admin') : {};
}
