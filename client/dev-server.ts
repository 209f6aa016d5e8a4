// Runs the Temporal CLI's dev server as a child process for the embedded stack, with
// transferflow's search attributes registered and its state kept in a file, and its Web UI:
// read-only by default (client/dev-ui.ts), the CLI's own writable one when asked for.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { Connection } from '@temporalio/client';
import { SEARCH_ATTRIBUTE_NAMES } from '../workflows/definitions';
import { temporalCliPath } from './local-temporal';
import { lockFolder } from './folder-lock';
import { startReadOnlyUi, uiAnswers } from './dev-ui';

const DIE_WITH_PARENT = path.join(__dirname, '..', 'scripts', 'die-with-parent.js');

export interface DevServer {
  address: string;
  /** The Web UI, or why there is none. */
  ui: { url: string; readOnly: boolean } | { missing: string };
  stop(): Promise<void>;
}

export interface DevServerOptions {
  port: number;
  uiPort: number;
  /** SQLite file for Temporal's own state, so cases survive a restart of `transferflow dev`. */
  dbFile: string;
  /** The CLI's own Web UI with its write actions (TRANSFERFLOW_TEMPORAL_UI_WRITABLE); default: read-only. */
  uiWritable?: boolean;
  /** No Web UI at all (tests that only need Temporal). */
  headless?: boolean;
  log?: (line: string) => void;
}

async function waitUntilServing(address: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`the Temporal dev server exited with code ${child.exitCode} (is port ${address} in use?)`);
    try {
      const connection = await Connection.connect({ address, connectTimeout: '1 second' });
      await connection.workflowService.getSystemInfo({});
      await connection.close();
      return;
    } catch (error) {
      lastError = error;
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  throw new Error(
    `the Temporal dev server did not answer at ${address} within ${timeoutMs / 1000} s: ${(lastError as Error)?.message}`,
  );
}

/** Whether the port can be listened on, waiting up to `waitMs` for it to be released. */
async function portFreed(port: number, waitMs: number): Promise<boolean> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    const free = await new Promise<boolean>((resolve) => {
      const probe = createServer()
        .once('error', () => resolve(false))
        .listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
    });
    if (free || Date.now() > deadline) return free;
    await new Promise((r) => setTimeout(r, 250));
  }
}

export async function startDevServer(options: DevServerOptions): Promise<DevServer> {
  const cli = temporalCliPath();
  if (!cli)
    throw new Error(
      'the Temporal CLI is not installed: run `npm start` (it builds it into tools/bin) or set TEMPORAL_CLI_PATH or TEMPORAL_ADDRESS',
    );
  mkdirSync(path.dirname(options.dbFile), { recursive: true });
  const args = [
    'server',
    'start-dev',
    '--ip',
    '127.0.0.1',
    '--port',
    String(options.port),
    // Read-only: the CLI's UI is off and client/dev-ui.ts serves one on the same port.
    ...(options.uiWritable && !options.headless ? ['--ui-port', String(options.uiPort)] : ['--headless']),
    '--namespace',
    'default',
    '--db-filename',
    options.dbFile,
    '--log-level',
    'error',
    ...SEARCH_ATTRIBUTE_NAMES.flatMap((name) => ['--search-attribute', `${name}=Keyword`]),
  ];
  // One dev server per state file: a second would share (and corrupt) this one's cases.
  const lock = lockFolder(path.resolve(options.dbFile), `the Temporal dev server state ${options.dbFile}`);
  // A killed owner's server is stopped by its guard within seconds: give it that time to let go
  // of the port before ours starts.
  if (!(await portFreed(options.port, 10_000))) {
    lock.release();
    throw new Error(`port ${options.port} is in use (set TRANSFERFLOW_TEMPORAL_PORT to use another)`);
  }
  // Through a guard that stops the server when this process ends, however it ends (SIGKILL too):
  // the guard holds our end of a pipe on its stdin and sees it close.
  const child = spawn(process.execPath, [DIE_WITH_PARENT, cli, ...args], { stdio: ['pipe', 'ignore', 'pipe'] });
  child.stderr?.on('data', (chunk: Buffer) => options.log?.(`temporal: ${chunk.toString().trimEnd()}`));
  child.once('exit', () => lock.release());
  const address = `127.0.0.1:${options.port}`;
  try {
    await waitUntilServing(address, child, 60_000);
  } catch (error) {
    child.kill('SIGTERM');
    await new Promise((resolve) => (child.exitCode !== null ? resolve(null) : child.once('exit', resolve)));
    lock.release();
    throw error;
  }
  const stopServer = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      child.once('exit', () => {
        clearTimeout(killer);
        resolve();
      });
      child.kill('SIGTERM');
    });
  if (options.headless) return { address, ui: { missing: 'started headless' }, stop: stopServer };
  if (options.uiWritable) {
    // The CLI's UI comes up a moment after its frontend: the banner must not show a dead link.
    const url = `http://127.0.0.1:${options.uiPort}`;
    if (await uiAnswers(url, () => child.exitCode === null))
      return { address, ui: { url, readOnly: false }, stop: stopServer };
    await stopServer();
    throw new Error(`the Temporal dev server's Web UI did not answer at ${url}`);
  }
  let ui;
  try {
    ui = await startReadOnlyUi({
      temporalAddress: address,
      port: options.uiPort,
      stateDir: path.dirname(options.dbFile),
    });
  } catch (error) {
    await stopServer();
    throw error;
  }
  if ('missing' in ui) return { address, ui, stop: stopServer };
  const readOnly = ui;
  return {
    address,
    ui: { url: readOnly.url, readOnly: true },
    stop: async () => {
      await readOnly.stop();
      await stopServer();
    },
  };
}
