// Where the project-installed Temporal executables live (scripts/setup.sh puts them in
// tools/bin), overridable by TEMPORAL_CLI_PATH / TEMPORAL_TEST_SERVER_PATH. When neither exists,
// callers leave the executable unset and the SDK downloads its own (machines with internet).
import { existsSync } from 'node:fs';
import path from 'node:path';
import { config } from './config';

const TOOLS_BIN = path.join(__dirname, '..', 'tools', 'bin');

function firstExisting(...candidates: Array<string | undefined>): string | undefined {
  return candidates.find((c): c is string => Boolean(c) && existsSync(c as string));
}

export function temporalCliPath(): string | undefined {
  return firstExisting(config().devServer.cliPath, path.join(TOOLS_BIN, 'temporal'));
}

/** The standalone Web UI server the dev stack runs read-only (scripts/install-temporal-ui.sh). */
export function temporalUiServerPath(): string | undefined {
  return firstExisting(path.join(TOOLS_BIN, 'temporal-ui-server'));
}

export function testServerPath(): string | undefined {
  return firstExisting(config().devServer.testServerPath, path.join(TOOLS_BIN, 'temporal-test-server'));
}

export function existingExecutable(p: string | undefined) {
  return p ? { executable: { type: 'existing-path' as const, path: p } } : {};
}
