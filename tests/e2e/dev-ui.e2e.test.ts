// The dev stack's Temporal Web UI reads and never acts (issue 16, item 5): by default the dev
// server runs headless next to the standalone UI server with write actions disabled — its
// settings say so (the UI then hides terminate, signal, reset, start…) and the UI server refuses a
// write request itself; TRANSFERFLOW_TEMPORAL_UI_WRITABLE=true gives a developer the CLI's own UI.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { startDevServer, type DevServer } from '../../client/dev-server';
import { freePort } from '../support/free-port';

const dir = mkdtempSync(path.join(os.tmpdir(), 'tf-dev-ui-'));
let server: DevServer | undefined;

afterEach(async () => {
  await server?.stop();
  server = undefined;
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function start(uiWritable: boolean): Promise<string> {
  server = await startDevServer({
    port: await freePort(),
    uiPort: await freePort(),
    dbFile: path.join(dir, `temporal-${uiWritable ? 'writable' : 'read-only'}.db`),
    uiWritable,
  });
  if ('missing' in server.ui) throw new Error(`no Web UI: ${server.ui.missing}`);
  return server.ui.url;
}

/** A terminate as the UI's own page sends it: with the CSRF cookie and header the UI server hands out. */
async function terminateFromUi(url: string, workflowId: string): Promise<number> {
  const page = await fetch(`${url}/api/v1/settings`);
  const token = /_csrf=([^;]+)/.exec(page.headers.get('set-cookie') ?? '')?.[1];
  expect(token).toBeDefined();
  // 503: the UI's connection to a just-started frontend is not up yet — the page would retry too.
  for (let attempt = 0; ; attempt++) {
    const res = await fetch(`${url}/api/v1/namespaces/default/workflows/${workflowId}/terminate`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: `_csrf=${token}`, 'x-csrf-token': token! },
      body: JSON.stringify({ reason: 'from the Web UI' }),
    });
    if (res.status !== 503 || attempt >= 20) return res.status;
    await new Promise((r) => setTimeout(r, 500));
  }
}

/** A workflow on the dev server that stays running (no worker polls its queue); its status, read later. */
async function runningWorkflow(): Promise<{ id: string; status: () => Promise<string> }> {
  const connection = await Connection.connect({ address: server!.address });
  const client = new Client({ connection });
  const id = `ui-probe-${Date.now()}`;
  await client.workflow.start('uiProbe', { taskQueue: 'ui-probe', workflowId: id });
  return {
    id,
    status: async () => {
      const { status } = await client.workflow.getHandle(id).describe();
      await connection.close();
      return status.name;
    },
  };
}

const settings = async (url: string) => (await (await fetch(`${url}/api/v1/settings`)).json()) as Record<string, any>;

test('by default the Web UI is read-only: its settings disable write actions and a terminate is refused', async () => {
  const url = await start(false);
  expect(server!.ui).toEqual({ url, readOnly: true });
  const s = await settings(url);
  expect(s.DisableWriteActions).toBe(true);
  // It is the UI of this dev server (same frontend), serving the app itself, not only its API.
  expect((await fetch(url)).status).toBe(200);
  // Refused by the UI server itself (405), before Temporal is asked: the workflow runs on.
  const probe = await runningWorkflow();
  expect(await terminateFromUi(url, probe.id)).toBe(405);
  expect(await probe.status()).toBe('RUNNING');
});

test('TRANSFERFLOW_TEMPORAL_UI_WRITABLE: the CLI’s own Web UI, with its write actions', async () => {
  const url = await start(true);
  expect(server!.ui).toEqual({ url, readOnly: false });
  expect((await settings(url)).DisableWriteActions).toBe(false);
  // The same request terminates the workflow.
  const probe = await runningWorkflow();
  expect(await terminateFromUi(url, probe.id)).toBe(200);
  expect(await probe.status()).toBe('TERMINATED');
});
