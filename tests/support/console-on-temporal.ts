// The console stack of the browser tests that must skip time (publicity lasts 15 working days):
// the real API, worker and console on a given Temporal server (the time-skipping test server, or
// training mode's), PGlite, a folder evidence store, Debian's Chromium, and one person per named
// role. Each suite used to build this in its own beforeAll; what differs is only the server.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'puppeteer-core';
import { startStack, type Stack } from '../../client/stack';
import { FolderEvidenceStore } from '../../client/evidence-store';
import { People } from '../../client/people/people';
import type { Role } from '../../client/api/auth';
import type { TrainingClock } from '../../client/training/clock';
import { openTestDatabase, type TestDatabase } from './test-db';
import { testKeys } from './stack';
import { BROWSER_PASSWORD, launchChromium, loginOf, type ConsoleStack } from './browser';

export interface ConsoleOnTemporal {
  stack: Stack;
  db: TestDatabase;
  browser: Browser;
  /** What tests/support/browser.ts's loginAs takes. */
  console: ConsoleStack;
  url(pathAndQuery: string): string;
  close(): Promise<void>;
}

/**
 * Starts the stack on `temporal` (already started; the caller stops it after close()) with a
 * person per role in `people` (role → display name), each signing in with BROWSER_PASSWORD.
 */
export async function startConsoleOn(
  temporal: { address: string; training?: TrainingClock },
  people: Partial<Record<Role, string>>,
): Promise<ConsoleOnTemporal> {
  const db = await openTestDatabase('pglite');
  const evidenceDir = mkdtempSync(path.join(os.tmpdir(), 'tf-evidence-'));
  const stack = await startStack({
    temporal: { address: temporal.address, namespace: 'default' },
    database: db,
    keys: testKeys(),
    port: 0,
    evidence: new FolderEvidenceStore(evidenceDir),
    training: temporal.training,
  });
  const directory = new People(db.prisma);
  for (const [role, name] of Object.entries(people) as Array<[Role, string]>)
    await directory.create({ login: loginOf(role), name, password: BROWSER_PASSWORD, roles: [{ role }] });
  const browser = await launchChromium();
  return {
    stack,
    db,
    browser,
    console: { browser, url: stack.apiUrl, e2e: undefined as never, close: async () => undefined },
    url: (p) => `${stack.apiUrl}${p}`,
    async close() {
      await browser.close();
      await stack.stop();
      await db.destroy();
      rmSync(evidenceDir, { recursive: true, force: true });
    },
  };
}
