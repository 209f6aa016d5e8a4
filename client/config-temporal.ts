// The Temporal connection settings through @temporalio/envconfig, the SDK's own loader: the
// config file's profile, then the standard TEMPORAL_* variables on top, with every problem a
// ConfigIssue naming the variable (or file entry) to fix.
import os from 'node:os';
import path from 'node:path';
import { loadClientConfigProfile, type ClientConfigProfile, type ConfigDataSource } from '@temporalio/envconfig';
import type { ConfigIssue } from './config';
import {
  DEFAULT_TEMPORAL_ADDRESS,
  DEFAULT_TEMPORAL_NAMESPACE,
  hostPort,
  isReadableFile,
  type Env,
} from './config-variables';

export interface TemporalConfig {
  address: string;
  namespace: string;
  /**
   * Where the address came from: "TEMPORAL_ADDRESS", 'profile "x" in <file>', or null when
   * nothing set it (the default). `transferflow dev` runs its own server exactly when null.
   */
  addressFrom: string | null;
  /** The profile as envconfig resolved it (file, then environment); TLS files are read at connect time. */
  profile: ClientConfigProfile;
}

/** Where envconfig looks when TEMPORAL_CONFIG_FILE is unset (its own rule, repeated for messages). */
function defaultConfigFile(env: Env): string | undefined {
  if (os.platform() === 'win32') return env.APPDATA ? path.join(env.APPDATA, 'temporalio', 'temporal.toml') : undefined;
  if (os.platform() === 'darwin')
    return env.HOME ? path.join(env.HOME, 'Library', 'Application Support', 'temporalio', 'temporal.toml') : undefined;
  const xdg = env.XDG_CONFIG_HOME;
  if (xdg) return path.isAbsolute(xdg) ? path.join(xdg, 'temporalio', 'temporal.toml') : undefined;
  return env.HOME ? path.join(env.HOME, '.config', 'temporalio', 'temporal.toml') : undefined;
}

/** The Temporal profile through envconfig: the config file's profile, then TEMPORAL_* on top. */
export function resolveTemporal(env: Record<string, string>, issues: ConfigIssue[]): TemporalConfig | undefined {
  const file = env.TEMPORAL_CONFIG_FILE ?? defaultConfigFile(env);
  const profileName = env.TEMPORAL_PROFILE ?? 'default';
  let fromFile: ClientConfigProfile;
  let profile: ClientConfigProfile;
  try {
    // The file alone first, to know whether the address came from it (see addressFrom).
    fromFile = loadClientConfigProfile({ disableEnv: true, overrideEnvVars: env });
    profile = loadClientConfigProfile({ overrideEnvVars: env });
  } catch (error) {
    const message = (error as Error).message;
    if (/^Profile '.*' not found/.test(message)) {
      issues.push({
        variable: 'TEMPORAL_PROFILE',
        message: `expected a profile defined in ${file ?? 'a config file (none found)'}, got ${JSON.stringify(profileName)}`,
      });
    } else {
      // envconfig dereferences `profile` unchecked: a file without any [profile.*] table ends up here.
      const why = error instanceof TypeError ? 'it has no [profile.<name>] table' : message.split('\n')[0];
      issues.push({
        variable: 'TEMPORAL_CONFIG_FILE',
        message: `expected a TOML file of [profile.<name>] tables, got ${JSON.stringify(file)} (${why})`,
      });
    }
    return undefined;
  }

  // Files a profile names are read at connect time; a missing one should stop start-up instead.
  const tlsFiles: Array<[ConfigDataSource | undefined, string, string]> = [
    [profile.tls?.clientCert, 'TEMPORAL_TLS_CLIENT_CERT_PATH', 'tls.client_cert_path'],
    [profile.tls?.clientKey, 'TEMPORAL_TLS_CLIENT_KEY_PATH', 'tls.client_key_path'],
    [profile.tls?.serverCACert, 'TEMPORAL_TLS_SERVER_CA_CERT_PATH', 'tls.server_ca_cert_path'],
  ];
  for (const [source, variable, key] of tlsFiles) {
    if (source && 'path' in source && env[variable] === undefined && !isReadableFile(source.path)) {
      issues.push({
        variable: 'TEMPORAL_CONFIG_FILE',
        message: `profile "${profileName}" ${key}: expected the path of a readable file, got ${JSON.stringify(source.path)}`,
      });
    }
  }
  // A certificate without its key (or the reverse) would connect without mTLS, silently.
  if (Boolean(profile.tls?.clientCert) !== Boolean(profile.tls?.clientKey)) {
    const [has, lacks] = profile.tls?.clientCert
      ? ['certificate', 'TEMPORAL_TLS_CLIENT_KEY_PATH']
      : ['key', 'TEMPORAL_TLS_CLIENT_CERT_PATH'];
    issues.push({
      variable: lacks,
      message: `expected both a client certificate and its key for mTLS, got only the ${has}`,
    });
  }
  if (
    profile.address !== undefined &&
    env.TEMPORAL_ADDRESS === undefined &&
    !hostPort.safeParse(profile.address).success
  ) {
    issues.push({
      variable: 'TEMPORAL_CONFIG_FILE',
      message: `profile "${profileName}" address: expected host:port, got ${JSON.stringify(profile.address)}`,
    });
  }

  const addressFrom =
    env.TEMPORAL_ADDRESS !== undefined
      ? 'TEMPORAL_ADDRESS'
      : fromFile.address !== undefined
        ? `profile "${profileName}" in ${file}`
        : null;
  return {
    address: profile.address ?? DEFAULT_TEMPORAL_ADDRESS,
    namespace: profile.namespace ?? DEFAULT_TEMPORAL_NAMESPACE,
    addressFrom,
    profile,
  };
}
