// Connections to Temporal. The settings come from the configuration module (client/config.ts),
// which resolves the standard TEMPORAL_* variables and TOML profiles with @temporalio/envconfig;
// secrets come only from the environment or the profile file the operator points at.
import { Client, Connection, type TLSConfig } from '@temporalio/client';
import { toClientOptions } from '@temporalio/envconfig';
import { NativeConnection } from '@temporalio/worker';
import { config, type Config } from './config';

export interface TemporalSettings {
  address: string;
  namespace: string;
  apiKey?: string;
  tls?: TLSConfig | boolean;
  /** gRPC headers (TEMPORAL_GRPC_META_*). */
  metadata?: Record<string, string>;
}

/**
 * What connectClient/connectWorker use. TLS certificate files are read here, at connect time, so
 * a rotated certificate is picked up by the next connection; that they exist was checked at start-up.
 */
export function temporalSettings(cfg: Pick<Config, 'temporal'> = config()): TemporalSettings {
  const { connectionOptions } = toClientOptions(cfg.temporal.profile);
  return {
    address: cfg.temporal.address,
    namespace: cfg.temporal.namespace,
    apiKey: connectionOptions.apiKey as string | undefined,
    tls: (connectionOptions.tls ?? undefined) as TLSConfig | boolean | undefined,
    // A copy: the configuration is frozen, and connections keep (and may extend) their headers.
    metadata: cfg.temporal.profile.grpcMeta && { ...cfg.temporal.profile.grpcMeta },
  };
}

/** Temporal could not be reached: the CLI exits 3 and names the address it tried. */
export class TemporalUnreachableError extends Error {
  constructor(
    readonly address: string,
    cause: unknown,
  ) {
    super(
      `cannot reach Temporal at ${address} (${(cause as Error)?.message ?? cause}); start it with \`npm start\` or set TEMPORAL_ADDRESS (or TEMPORAL_PROFILE)`,
    );
    this.name = 'TemporalUnreachableError';
  }
}

export async function connectClient(settings = temporalSettings()): Promise<Client> {
  try {
    const connection = await Connection.connect({
      address: settings.address,
      tls: settings.tls,
      apiKey: settings.apiKey,
      metadata: settings.metadata,
      connectTimeout: '5 seconds',
    });
    return new Client({ connection, namespace: settings.namespace });
  } catch (error) {
    throw new TemporalUnreachableError(settings.address, error);
  }
}

export async function connectWorker(settings = temporalSettings()): Promise<NativeConnection> {
  try {
    return await NativeConnection.connect({
      address: settings.address,
      tls: settings.tls,
      apiKey: settings.apiKey,
      metadata: settings.metadata,
    });
  } catch (error) {
    throw new TemporalUnreachableError(settings.address, error);
  }
}
