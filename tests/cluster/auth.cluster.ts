// Only transferflow writes to its namespace (issue 16, item 5), on a cluster of its own brought up
// with TF_CLUSTER_SECURE=1: mTLS on the frontend (a CA made for this run; nothing committed) and
// Temporal's default authorizer with its JWT claim mapper, the keys served as a JWKS on loopback.
// The API and worker hold `default:write` tokens, auditors `default:read`. The forgery the issue
// reports — `temporal workflow update execute --name act` approving a department review as a
// made-up "mallory" — is tried without a certificate, with a certificate but no token, and with
// the auditor's token: all refused, and the case does not move. Through the API it still works.
import { execFile } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { EXAMPLE_LOAN_REQUEST } from '../../policies/ma-loan/example-request';
import { EXAMPLE_RIGHTS_GRANT } from '../../policies/rights-grant/example-request';
import { ROOT, clusterScriptWith } from './support/cluster';
import { CLUSTER_KEYS as KEYS, TransferflowProcess } from './support/processes';
import { freePort } from '../support/free-port';

const PORT = Number(process.env.TF_SECURE_CLUSTER_PORT ?? 18233);
const PG_PORT = Number(process.env.TF_SECURE_CLUSTER_PG_PORT ?? 54349);
const ADDRESS = `127.0.0.1:${PORT}`;
const TEMPORAL_CLI = path.join(ROOT, 'tools', 'bin', 'temporal');

let dir: string;
let env: Record<string, string>;
let api: TransferflowProcess;
let worker: TransferflowProcess;
let apiUrl: string;
const secure = (name: string) => path.join(dir, 'secure', name);
const token = (name: string) => readFileSync(secure(`${name}.jwt`), 'utf8').trim();

beforeAll(async () => {
  dir = mkdtempSync('/var/tmp/tf-cluster-secure-');
  chmodSync(dir, 0o755);
  env = {
    TF_CLUSTER_DIR: dir,
    TF_CLUSTER_PORT: String(PORT),
    TF_CLUSTER_PG_PORT: String(PG_PORT),
    TF_CLUSTER_SECURE: '1',
  };
  await clusterScriptWith(env, 'up');
  const tls = {
    TEMPORAL_ADDRESS: ADDRESS,
    DATABASE_URL: `postgresql://postgres@127.0.0.1:${PG_PORT}/transferflow`,
    TEMPORAL_TLS_CLIENT_CERT_PATH: secure('client.pem'),
    TEMPORAL_TLS_CLIENT_KEY_PATH: secure('client.key'),
    TEMPORAL_TLS_SERVER_CA_CERT_PATH: secure('ca.pem'),
    TEMPORAL_TLS_SERVER_NAME: 'localhost',
  };
  const port = await freePort();
  apiUrl = `http://127.0.0.1:${port}`;
  api = new TransferflowProcess('secure-api', ['serve', '--no-worker'], {
    ...tls,
    TEMPORAL_API_KEY: token('api'),
    PORT: String(port),
  });
  worker = new TransferflowProcess('secure-worker', ['worker'], { ...tls, TEMPORAL_API_KEY: token('worker') });
  await api.start(/transferflow is running/);
  await worker.start(/^worker on /m);
}, 600_000);

afterAll(async () => {
  await Promise.all([api?.kill('SIGTERM'), worker?.kill('SIGTERM')]);
  if (dir) {
    await clusterScriptWith(env, 'down').catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  }
});

const callApi = async (method: string, route: string, key: string, body?: unknown) => {
  const res = await fetch(`${apiUrl}${route}`, {
    method,
    headers: { authorization: `Bearer ${key}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  return { status: res.status, body: (await res.json()) as any };
};

/** The Temporal CLI as a stranger would run it: exit code and output. */
async function temporalCli(args: string[]): Promise<{ code: number; output: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(
      TEMPORAL_CLI,
      [...args, '--address', ADDRESS, '-n', 'default'],
      {
        timeout: 60_000,
      },
    );
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === 'number' ? e.code : 1, output: `${e.stdout ?? ''}${e.stderr ?? ''}` };
  }
}

const mtls = () => [
  '--tls-cert-path',
  secure('client.pem'),
  '--tls-key-path',
  secure('client.key'),
  '--tls-ca-path',
  secure('ca.pem'),
  '--tls-server-name',
  'localhost',
];
const forgedApproval = (workflowId: string) => [
  'workflow',
  'update',
  'execute',
  '--name',
  'act',
  '--workflow-id',
  workflowId,
  '--input',
  JSON.stringify({ action: 'approve', actor: { id: 'mallory', role: 'department' } }),
];

test('the API and worker identities start and decide cases: a loan check and a rights grant through the API', async () => {
  const loan = await callApi('POST', '/v1/loan-checks', KEYS.bank, { ...EXAMPLE_LOAN_REQUEST, requestId: 'secure-1' });
  expect([loan.status, loan.body.decision]).toEqual([200, 'approved']);
  const launched = await callApi('POST', '/v1/cases/rights-grant', KEYS.tto, {
    caseId: 'secure-grant',
    ...EXAMPLE_RIGHTS_GRANT,
  });
  expect([launched.status, launched.body.stage]).toEqual([201, 'department-review']);
});

test('a forged `temporal workflow update execute --name act` is refused without the API’s credentials; the case does not move', async () => {
  const workflowId = 'rights-grant/secure-grant';
  // No client certificate: the TLS handshake itself fails.
  const noCert = await temporalCli([
    ...forgedApproval(workflowId),
    '--tls-ca-path',
    secure('ca.pem'),
    '--tls-server-name',
    'localhost',
  ]);
  expect(noCert.code).not.toBe(0);
  // A certificate from the CA but no token: the authorizer sees no claims.
  const noToken = await temporalCli([...forgedApproval(workflowId), ...mtls()]);
  expect(noToken.code).not.toBe(0);
  expect(noToken.output).toMatch(/PermissionDenied|Request unauthorized|permission denied/i);
  // The auditor's token reads, never writes.
  const auditor = await temporalCli([...forgedApproval(workflowId), ...mtls(), '--api-key', token('auditor')]);
  expect(auditor.code).not.toBe(0);
  expect(auditor.output).toMatch(/PermissionDenied|Request unauthorized|permission denied/i);
  // Nothing happened: still in department review, nobody named mallory in its history.
  const view = await callApi('GET', '/v1/cases/secure-grant', KEYS.auditor);
  expect(view.body.stage).toBe('department-review');
  expect(JSON.stringify(view.body)).not.toContain('mallory');
});

test('auditors read: the auditor token lists and reads histories, and cannot start workflows', async () => {
  const list = await temporalCli(['workflow', 'list', ...mtls(), '--api-key', token('auditor')]);
  expect(list.code).toBe(0);
  expect(list.output).toContain('rights-grant/secure-grant');
  const show = await temporalCli([
    'workflow',
    'show',
    '--workflow-id',
    'rights-grant/secure-grant',
    ...mtls(),
    '--api-key',
    token('auditor'),
  ]);
  expect(show.code).toBe(0);
  const start = await temporalCli([
    'workflow',
    'start',
    '--type',
    'maLoanCheck',
    '--task-queue',
    'transferflow',
    '--workflow-id',
    'ma-loan/forged/1',
    ...mtls(),
    '--api-key',
    token('auditor'),
  ]);
  expect(start.code).not.toBe(0);
  expect(start.output).toMatch(/PermissionDenied|Request unauthorized|permission denied/i);
});
