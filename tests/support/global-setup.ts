// Once per jest run: a PostgreSQL server for the tests that need one (scripts/postgres.sh
// installs and starts it unless TEST_DATABASE_URL is set) and a check that the Temporal
// executables are in place.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { temporalCliPath, testServerPath } from '../../client/local-temporal';

export default async function globalSetup(): Promise<void> {
  if (!temporalCliPath() || !testServerPath()) {
    console.warn(
      '\nTemporal executables not found in tools/bin: run `npm test` (it runs scripts/setup.sh), or the SDK will try to download them.',
    );
  }
  const script = path.join(__dirname, '..', '..', 'scripts', 'postgres.sh');
  const out = execFileSync('bash', [script], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  process.env.TEST_DATABASE_URL = out.trim().split('\n').pop();
}
