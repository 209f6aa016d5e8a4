// Connection settings for Temporal, from the environment only (no secrets in files):
// TEMPORAL_ADDRESS (default 127.0.0.1:7233), TEMPORAL_NAMESPACE (default "default"),
// TEMPORAL_API_KEY (Temporal Cloud), TEMPORAL_TLS_CERT / TEMPORAL_TLS_KEY (mTLS, file paths),
// TEMPORAL_TLS=true (server TLS without a client certificate).
import { readFileSync } from 'node:fs';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';

export interface TemporalSettings {
  address: string;
  namespace: string;
  apiKey?: string;
  tls?: { clientCertPair?: { crt: Buffer; key: Buffer } } | boolean;
}

export function temporalSettings(env: NodeJS.ProcessEnv = process.env): TemporalSettings {
  const cert = env.TEMPORAL_TLS_CERT;
  const key = env.TEMPORAL_TLS_KEY;
  const tls = cert && key ? { clientCertPair: { crt: readFileSync(cert), key: readFileSync(key) } } : env.TEMPORAL_TLS === 'true' || Boolean(env.TEMPORAL_API_KEY);
  return {
    address: env.TEMPORAL_ADDRESS ?? '127.0.0.1:7233',
    namespace: env.TEMPORAL_NAMESPACE ?? 'default',
    apiKey: env.TEMPORAL_API_KEY,
    tls: tls || undefined,
  };
}

/** Temporal could not be reached: the CLI exits 3 and names the address it tried. */
export class TemporalUnreachableError extends Error {
  constructor(readonly address: string, cause: unknown) {
    super(`cannot reach Temporal at ${address} (${(cause as Error)?.message ?? cause}); start it with \`npm start\` or set TEMPORAL_ADDRESS`);
    this.name = 'TemporalUnreachableError';
  }
}

export async function connectClient(settings = temporalSettings()): Promise<Client> {
  try {
    const connection = await Connection.connect({
      address: settings.address,
      tls: settings.tls,
      apiKey: settings.apiKey,
      connectTimeout: '5 seconds',
    });
    return new Client({ connection, namespace: settings.namespace });
  } catch (error) {
    throw new TemporalUnreachableError(settings.address, error);
  }
}

export async function connectWorker(settings = temporalSettings()): Promise<NativeConnection> {
  try {
    return await NativeConnection.connect({ address: settings.address, tls: settings.tls, apiKey: settings.apiKey });
  } catch (error) {
    throw new TemporalUnreachableError(settings.address, error);
  }
}
