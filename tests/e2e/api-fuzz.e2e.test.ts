// schemathesis fuzzes every operation of /v1/openapi.json — valid and invalid bodies, odd
// paths and parameters — against the real stack. No request may produce a 5xx.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { KEYS, useE2E } from '../support/stack';

const ST = path.join(__dirname, '..', '..', 'tools', 'venv', 'bin', 'st');

const e2e = useE2E('pglite');

test('schemathesis finds no server error in any operation', async () => {
  expect(existsSync(ST)).toBe(true);
  const cwd = mkdtempSync(path.join(os.tmpdir(), 'tf-fuzz-'));
  const args = [
    'run',
    `${e2e().stack.apiUrl}/v1/openapi.json`,
    '--checks',
    'not_a_server_error',
    '--header',
    `Authorization: Bearer ${KEYS.admin}`,
    '--max-examples',
    '40',
    '--seed',
    '20261122',
    '--request-timeout',
    '30',
  ];
  const { code, output } = await new Promise<{ code: number | null; output: string }>((resolve, reject) => {
    const child = spawn(ST, args, { cwd, env: { ...process.env, NO_COLOR: '1', SCHEMATHESIS_TELEMETRY: 'false' } });
    let output = '';
    child.stdout.on('data', (c) => (output += c));
    child.stderr.on('data', (c) => (output += c));
    child.on('error', reject);
    child.on('close', (c) => resolve({ code: c, output }));
  });
  if (code !== 0 || process.env.TF_SHOW_FUZZ) console.error(output);
  expect(output).toMatch(/Tested: 26/);
  expect(output).not.toMatch(/Server error/i);
  expect(code).toBe(0);
}, 600_000);
