// The dev stack's Temporal Web UI, read-only by default. The Temporal CLI's dev server (v1.5.1)
// builds its UI's settings in code with no way to disable write actions, so the stack runs the dev
// server --headless and, next to it, the standalone UI server of the same version
// (tools/bin/temporal-ui-server, scripts/install-temporal-ui.sh) with `disableWriteActions: true`:
// the UI hides terminate, signal, reset, start… and the UI server itself refuses every write
// request (HTTP 405), so reading histories cannot become acting on cases behind the API's back.
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { temporalUiServerPath } from './local-temporal';

const DIE_WITH_PARENT = path.join(__dirname, '..', 'scripts', 'die-with-parent.js');

export interface DevUi {
  url: string;
  stop(): Promise<void>;
}

/** Starts the read-only UI for the dev server at `temporalAddress`, or says why there is none. */
export async function startReadOnlyUi(options: {
  temporalAddress: string;
  port: number;
  stateDir: string;
}): Promise<DevUi | { missing: string }> {
  const server = temporalUiServerPath();
  if (!server) return { missing: 'tools/bin/temporal-ui-server is not built (scripts/install-temporal-ui.sh)' };
  const root = path.join(options.stateDir, 'temporal-ui');
  mkdirSync(path.join(root, 'config'), { recursive: true });
  // The UI server's own configuration file (its config/<env>.yaml); JSON is valid YAML.
  writeFileSync(
    path.join(root, 'config', 'read-only.yaml'),
    JSON.stringify({
      temporalGrpcAddress: options.temporalAddress,
      host: '127.0.0.1',
      port: options.port,
      enableUi: true,
      defaultNamespace: 'default',
      disableWriteActions: true,
      hideLogs: true,
      notifyOnNewVersion: false,
      // Plain http on loopback, as the CLI's own UI: its session cookie cannot require https.
      cors: { cookieInsecure: true },
    }),
  );
  // Through the same guard as the dev server: the UI stops when this process ends, however it ends.
  const child = spawn(
    process.execPath,
    [DIE_WITH_PARENT, server, '--root', root, '--config', 'config', '--env', 'read-only', 'start'],
    { stdio: ['pipe', 'ignore', 'pipe'] },
  );
  let output = '';
  child.stderr?.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-2000)));
  const url = `http://127.0.0.1:${options.port}`;
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      child.once('exit', () => {
        clearTimeout(killer);
        resolve();
      });
      child.kill('SIGTERM');
    });
  const answered = await uiAnswers(url, () => child.exitCode === null);
  if (answered) return { url, stop };
  await stop();
  throw new Error(
    child.exitCode !== null
      ? `the Temporal Web UI server exited with code ${child.exitCode}: ${output.trim()}`
      : `the Temporal Web UI server did not answer at ${url} within 30 s: ${output.trim()}`,
  );
}

/** Waits (up to 30 s, while `alive`) until a Web UI at `url` serves its settings: it starts after the server. */
export async function uiAnswers(url: string, alive: () => boolean): Promise<boolean> {
  const deadline = Date.now() + 30_000;
  while (alive() && Date.now() < deadline) {
    const ok = await fetch(`${url}/api/v1/settings`, { signal: AbortSignal.timeout(1000) }).then(
      (res) => res.ok,
      () => false,
    );
    if (ok) return true;
    await new Promise((r) => setTimeout(r, 250));
  }
  return false;
}
