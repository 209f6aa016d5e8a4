// Runs the Temporal CLI's dev server (with its Web UI) as a child process for the embedded
// stack, with transferflow's search attributes registered and its state kept in a file.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { Connection } from '@temporalio/client';
import { SEARCH_ATTRIBUTE_NAMES } from '../workflows/definitions';
import { temporalCliPath } from './local-temporal';

export interface DevServer {
  address: string;
  uiUrl: string;
  stop(): Promise<void>;
}

export interface DevServerOptions {
  port: number;
  uiPort: number;
  /** SQLite file for Temporal's own state, so cases survive a restart of `transferflow dev`. */
  dbFile: string;
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
    '--ui-port',
    String(options.uiPort),
    '--namespace',
    'default',
    '--db-filename',
    options.dbFile,
    '--log-level',
    'error',
    ...SEARCH_ATTRIBUTE_NAMES.flatMap((name) => ['--search-attribute', `${name}=Keyword`]),
  ];
  const child = spawn(cli, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  child.stderr?.on('data', (chunk: Buffer) => options.log?.(`temporal: ${chunk.toString().trimEnd()}`));
  const address = `127.0.0.1:${options.port}`;
  try {
    await waitUntilServing(address, child, 60_000);
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  return {
    address,
    uiUrl: `http://127.0.0.1:${options.uiPort}`,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        child.once('exit', () => {
          clearTimeout(killer);
          resolve();
        });
        child.kill('SIGTERM');
      }),
  };
}
