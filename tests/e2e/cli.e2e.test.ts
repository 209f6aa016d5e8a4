// The `transferflow` command as a user runs it: a separate process, real exit codes.
import { cli } from '../support/cli';
import { spawn } from 'node:child_process';
import { createHash, generateKeyPairSync } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loanRequest } from '../support/loan-fixtures';
import { EXAMPLE_RIGHTS_GRANT } from '../../policies/rights-grant/example-request';
import { KEYS, useE2E } from '../support/stack';
import { AuditSigner } from '../../activities/audit-signing';

const BIN = path.join(__dirname, '..', '..', 'bin', 'transferflow.js');
const dir = mkdtempSync(path.join(os.tmpdir(), 'tf-cli-'));

function file(name: string, value: unknown): string {
  const p = path.join(dir, name);
  writeFileSync(p, typeof value === 'string' ? value : JSON.stringify(value));
  return p;
}

describe('transferflow evaluate (no server)', () => {
  test('prints the decision JSON; a rejection still exits 0', async () => {
    const r = await cli([
      'evaluate',
      'ma-loan',
      '--input',
      file('over.json', loanRequest({ deal: { transactionPriceCny: 123456789.01 }, loan: { amountCny: 98765431.21 } })),
    ]);
    expect(r.code).toBe(0);
    const d = JSON.parse(r.stdout);
    expect(d).toMatchObject({
      mechanism: 'ma-loan',
      decision: 'rejected',
      policy: { id: 'cn-tech-ma-pilot', version: '2025.1' },
    });
    expect(d.checks.find((c: { id: string }) => c.id === 'loan-ratio').passed).toBe(false);
  });

  test('reads standard input with -', async () => {
    const r = await cli(
      ['evaluate', 'ma-loan', '--input', '-'],
      {},
      JSON.stringify(loanRequest({ asOf: '2025-03-04' })),
    );
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).policy.id).toBe('cn-ma-loan-guideline-2015');
  });

  test('invalid input exits 2 with field paths on stderr', async () => {
    const r = await cli([
      'evaluate',
      'ma-loan',
      '--input',
      file('bad.json', loanRequest({ deal: { transactionPriceCny: 0 }, acquirer: { city: '' } })),
    ]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    const err = JSON.parse(r.stderr);
    expect(err.error).toBe('invalid-input');
    expect(err.issues.map((i: { path: string }) => i.path).sort()).toEqual([
      'acquirer.city',
      'deal.transactionPriceCny',
    ]);
    expect((await cli(['evaluate', 'ma-loan', '--input', file('broken.json', '{"a":')])).code).toBe(2);
    expect((await cli(['evaluate', 'ma-loan', '--input', path.join(dir, 'missing.json')])).code).toBe(2);
    expect((await cli(['evaluate', 'nonsense', '--input', file('ok.json', loanRequest())])).code).toBe(2);
  });

  test('evaluate rights-grant follows the contract too', async () => {
    const ok = await cli(['evaluate', 'rights-grant', '--input', file('grant.json', EXAMPLE_RIGHTS_GRANT)]);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({
      mechanism: 'rights-grant',
      decision: 'eligible',
      publicityDays: 15,
      policy: { id: 'cn-hefei-metro-rights-grant' },
    });
    const bad = await cli([
      'evaluate',
      'rights-grant',
      '--input',
      file('grant-bad.json', { ...EXAMPLE_RIGHTS_GRANT, grant: { form: 'ownership', teamShare: 1.5 } }),
    ]);
    expect(bad.code).toBe(2);
    expect(JSON.parse(bad.stderr).issues[0].path).toBe('grant.teamShare');
  });

  test('policies list shows every pack, as a table or JSON', async () => {
    const table = await cli(['policies', 'list']);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(
      /cn-tech-ma-pilot@2025\.1\s+ma-loan\s+city \(18\)\s+2025-03-05\s+2026-01-01\s+confirmed/,
    );
    const json = JSON.parse((await cli(['policies', 'list', '--mechanism', 'ma-loan', '--json'])).stdout);
    expect(json.map((p: { id: string; version: string }) => `${p.id}@${p.version}`)).toEqual([
      'cn-ma-loan-guideline-2015@2015.1',
      'cn-tech-ma-pilot@2025.1',
      'cn-tech-ma-pilot@2026.1',
      'cn-ma-loan-measures-2025@2026.1',
    ]);
    expect(json[0].sources.length).toBeGreaterThan(0);
  });

  test('loan check with Temporal unreachable exits 3 and names the address', async () => {
    const r = await cli(['loan', 'check', '--input', file('ok2.json', loanRequest())], {
      TEMPORAL_ADDRESS: '127.0.0.1:1',
    });
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('127.0.0.1:1');
  });
});

describe('transferflow audit replay --dir (no server)', () => {
  const histories = path.join(__dirname, '..', 'replay', 'histories');

  test('verifies the committed histories and exits 0', async () => {
    const r = await cli(['audit', 'replay', '--dir', histories, '--json']);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.failed).toBe(0);
    const count = readdirSync(histories).filter((f) => f.endsWith('.json')).length;
    expect(report.verified).toBe(count);
    expect(r.stderr).toContain(`${count}/${count}`);
  });

  test('a tampered history fails and is named; exit 1', async () => {
    const tampered = mkdtempSync(path.join(os.tmpdir(), 'tf-tampered-'));
    const text = readFileSync(path.join(histories, 'ma-loan-pilot-approved.json'), 'utf8');
    const history = JSON.parse(text);
    const started = history.events[0].workflowExecutionStartedEventAttributes.input.payloads[0];
    const input = JSON.parse(Buffer.from(started.data, 'base64').toString('utf8'));
    input.request.loan.amountCny = 90_000_000; // the bank asked for more than the record says
    started.data = Buffer.from(JSON.stringify(input)).toString('base64');
    writeFileSync(path.join(tampered, 'edited.json'), JSON.stringify(history));
    const r = await cli(['audit', 'replay', '--dir', tampered]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/FAILED\s+edited\.json/);
    expect(r.stdout).toMatch(/0 verified, 1 failed/);
  });
});

describe('transferflow loan check (dev server)', () => {
  const e2e = useE2E('pglite');

  test('runs the workflow and prints the recorded decision; a repeat returns the same', async () => {
    const input = file(
      'cli-loan.json',
      loanRequest({ requestId: 'cli-1', asOf: '2026-03-01', acquirer: { city: '合肥市' } }),
    );
    const env = { TEMPORAL_ADDRESS: e2e().env.address, TRANSFERFLOW_ACTOR: 'analyst-7' };
    const first = await cli(['loan', 'check', '--input', input, '--json'], env);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    const d = JSON.parse(first.stdout);
    expect(d).toMatchObject({
      decision: 'approved',
      workflowId: 'ma-loan/cq-bank/cli-1',
      policy: { id: 'cn-tech-ma-pilot', version: '2026.1', confidence: 'assumed' },
    });
    const human = await cli(['loan', 'check', '--input', input], env);
    expect(human.code).toBe(0);
    expect(human.stdout).toMatch(/^APPROVED {2}as of 2026-03-01 {2}under cn-tech-ma-pilot@2026\.1/);
    expect(human.stdout).toMatch(/loan-ratio\s+pass/);
    const rows = await e2e().db.prisma.loanCheck.findMany({ where: { requestId: 'cli-1' } });
    expect(rows.map((r) => r.submittedBy)).toEqual(['analyst-7']);
  });

  test('audit replay --query verifies the live cases a visibility query finds', async () => {
    const r = await cli(['audit', 'replay', '--query', "CaseKind = 'ma-loan'", '--json'], {
      TEMPORAL_ADDRESS: e2e().env.address,
    });
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.failed).toBe(0);
    expect(report.cases.map((c: { name: string }) => c.name)).toContain('ma-loan/cq-bank/cli-1');
  });

  test('audit export writes a bundle that verifies offline with the public key, and tampering with any file is named', async () => {
    const out = path.join(dir, 'bundle-cli-1');
    const api = { TRANSFERFLOW_API_URL: e2e().stack.apiUrl, TRANSFERFLOW_API_KEY: KEYS.auditor };
    const publicKey = file('log-key.pub.pem', e2e().auditSigner.publicKeyPem());
    const otherKey = new AuditSigner(generateKeyPairSync('ed25519').privateKey);
    const wrongKey = file('wrong-key.pub.pem', otherKey.publicKeyPem());
    // No dev key lying around: the verifier must be given the key.
    const offline = { TRANSFERFLOW_STATE_DIR: mkdtempSync(path.join(os.tmpdir(), 'tf-no-key-')) };
    const replay = (...extra: string[]) => cli(['audit', 'replay', '--dir', out, ...extra], offline);
    const exported = await cli(['audit', 'export', 'ma-loan/cq-bank/cli-1', '--out', out], api);
    expect(exported.stderr).toBe('');
    expect(exported.code).toBe(0);
    expect(exported.stdout).toContain('# Audit bundle: ma-loan/cq-bank/cli-1');
    const manifestFile = path.join(out, 'manifest.json');
    const manifestText = readFileSync(manifestFile, 'utf8');
    const manifest = JSON.parse(manifestText);
    expect(Object.keys(manifest.files)).toEqual(
      expect.arrayContaining([
        'records.json',
        'audit-log.json',
        'proofs.json',
        'summary.md',
        'packs/cn-tech-ma-pilot@2026.1.json',
      ]),
    );
    expect(manifest.packs).toEqual([{ ref: 'cn-tech-ma-pilot@2026.1', hash: expect.stringMatching(/^[0-9a-f]{64}$/) }]);
    expect(manifest).toMatchObject({ keyId: e2e().auditSigner.keyId, signature: expect.any(String) });
    const proofs = JSON.parse(readFileSync(path.join(out, 'proofs.json'), 'utf8'));
    expect(proofs.entries).toHaveLength(1);
    expect(proofs.head.treeSize).toBeGreaterThan(proofs.entries[0].leafIndex);
    expect(readFileSync(path.join(out, 'summary.md'), 'utf8')).toMatch(/ma-loan\.decided \| analyst-7 \| operator/);
    expect((await replay('--public-key', publicKey)).code).toBe(0);

    // Without a key, or with the wrong one, nothing is vouched for.
    const keyless = await replay();
    expect(keyless.code).toBe(1);
    expect(keyless.stderr).toContain('no public key');
    const wrong = await replay('--public-key', wrongKey);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/manifest's signature does not verify/);
    expect(wrong.stderr).toMatch(/tree head of size \d+ is not signed by key/);

    // Each kind of tampering is named: an edited history event, an edited audit entry, an edited pack, an edited record.
    const historyFile = Object.keys(manifest.files).find((f) => f.startsWith('history/'))!;
    const edits: Array<[string, (text: string) => string]> = [
      [historyFile, (t) => t.replace('"EVENT_TYPE_MARKER_RECORDED"', '"EVENT_TYPE_TIMER_STARTED"')],
      ['audit-log.json', (t) => t.replace('"analyst-7"', '"someone-else"')],
      ['packs/cn-tech-ma-pilot@2026.1.json', (t) => t.replace('"0.8"', '"0.9"')],
      ['records.json', (t) => t.replace('"approved"', '"rejected"')],
    ];
    for (const [name, edit] of edits) {
      const target = path.join(out, name);
      const original = readFileSync(target, 'utf8');
      const edited = edit(original);
      expect(edited).not.toBe(original);
      writeFileSync(target, edited);
      const tampered = await replay('--public-key', publicKey);
      expect(tampered.code).toBe(1);
      expect(tampered.stderr).toContain(`TAMPERED: ${name}`);

      // The file and its manifest edited together: the manifest's signature gives it away.
      const sha = createHash('sha256').update(edited).digest('hex');
      writeFileSync(manifestFile, JSON.stringify({ ...manifest, files: { ...manifest.files, [name]: sha } }));
      const both = await replay('--public-key', publicKey);
      expect(both.code).toBe(1);
      expect(both.stderr).not.toContain('TAMPERED');
      expect(both.stderr).toMatch(/manifest's signature does not verify/);
      writeFileSync(manifestFile, manifestText);
      writeFileSync(target, original);
    }

    // Re-signed by the forger's own key, passed as "the" key: the entry still is not in the log's signed head.
    const forgedLog = readFileSync(path.join(out, 'audit-log.json'), 'utf8').replace('"analyst-7"', '"someone-else"');
    writeFileSync(path.join(out, 'audit-log.json'), forgedLog);
    const { signature: _s, ...body } = manifest;
    const forgedBody = {
      ...body,
      files: { ...body.files, 'audit-log.json': createHash('sha256').update(forgedLog).digest('hex') },
    };
    writeFileSync(manifestFile, JSON.stringify({ ...forgedBody, signature: otherKey.signManifest(forgedBody) }));
    const forged = await replay('--public-key', wrongKey);
    expect(forged.code).toBe(1);
    expect(forged.stderr).toMatch(/not signed by key/);
    expect(forged.stderr).toMatch(/audit entry ma-loan\/cq-bank\/cli-1.*not in the signed tree head/);
    writeFileSync(manifestFile, manifestText);
    writeFileSync(
      path.join(out, 'audit-log.json'),
      readFileSync(path.join(out, 'audit-log.json'), 'utf8').replace('"someone-else"', '"analyst-7"'),
    );
    expect((await replay('--public-key', publicKey)).code).toBe(0);
    expect(
      (
        await cli(['audit', 'export', 'ma-loan/cq-bank/cli-1', '--out', out], {
          ...api,
          TRANSFERFLOW_API_KEY: KEYS.bank,
        })
      ).code,
    ).toBe(1);
  }, 300_000); // a dozen offline replays, each a worker bundle and a replay

  test('audit heads --export keeps the signed heads, and finds dropped newest entries against them', async () => {
    const api = { TRANSFERFLOW_API_URL: e2e().stack.apiUrl, TRANSFERFLOW_API_KEY: KEYS.auditor };
    const kept = path.join(dir, 'kept-heads.json');
    const publicKey = file('log-key-2.pub.pem', e2e().auditSigner.publicKeyPem());
    const first = await cli(['audit', 'heads', '--export', kept, '--public-key', publicKey], api);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    const heads = JSON.parse(readFileSync(kept, 'utf8'));
    expect(heads.keyId).toBe(e2e().auditSigner.keyId);
    const size = heads.heads.at(-1).treeSize;
    expect(size).toBe(await e2e().db.prisma.auditEvent.count());

    // More entries, then again: the new heads are consistent with the kept one and are added.
    const input = file('cli-loan-2.json', loanRequest({ requestId: 'cli-2', asOf: '2026-03-01' }));
    expect((await cli(['loan', 'check', '--input', input], { TEMPORAL_ADDRESS: e2e().env.address })).code).toBe(0);
    const second = await cli(['audit', 'heads', '--export', kept, '--json'], api);
    expect(second.code).toBe(0);
    expect(JSON.parse(second.stdout)).toMatchObject({ verified: true, added: expect.any(Number) });
    const grown = JSON.parse(readFileSync(kept, 'utf8'));
    expect(grown.heads.at(-1).treeSize).toBe(size + 1);

    // Someone with database rights drops the newest entry with its leaf and heads.
    const prisma = e2e().db.prisma;
    for (const table of ['AuditEvent', 'AuditLeaf', 'AuditTreeHead'])
      await prisma.$executeRawUnsafe(`ALTER TABLE "${table}" DISABLE TRIGGER "${table}_append_only"`);
    await prisma.$executeRawUnsafe(`DELETE FROM "AuditTreeHead" WHERE "treeSize" > ${size}`);
    await prisma.$executeRawUnsafe(`DELETE FROM "AuditLeaf" WHERE "leafIndex" >= ${size}`);
    await prisma.$executeRawUnsafe(`DELETE FROM "AuditEvent" WHERE "caseId" = 'ma-loan/cq-bank/cli-2'`);
    const third = await cli(['audit', 'heads', '--export', kept], api);
    expect(third.code).toBe(1);
    expect(third.stdout).toMatch(/truncated: a kept head covers \d+ entries, the log's latest head only \d+/);
    expect(readFileSync(kept, 'utf8')).toBe(JSON.stringify(grown, null, 2) + '\n');
  });

  test('audit replay of an unknown id says not found and exits 1 at once', async () => {
    const started = Date.now();
    const r = await cli(['audit', 'replay', 'ma-loan/cq-bank/no-such-check'], { TEMPORAL_ADDRESS: e2e().env.address });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('no workflow ma-loan/cq-bank/no-such-check (not found');
    expect(Date.now() - started).toBeLessThan(20_000);
  });

  test('an API 409 exits 1', async () => {
    const api = { TRANSFERFLOW_API_URL: e2e().stack.apiUrl, TRANSFERFLOW_API_KEY: KEYS.tto };
    const first = file('cli-case-a.json', { ...EXAMPLE_RIGHTS_GRANT, caseId: 'cli-conflict-1' });
    const other = file('cli-case-b.json', {
      ...EXAMPLE_RIGHTS_GRANT,
      caseId: 'cli-conflict-1',
      result: { ...EXAMPLE_RIGHTS_GRANT.result, title: 'another result under the same case id' },
    });
    expect((await cli(['case', 'start', 'rights-grant', '--input', first, '--json'], api)).code).toBe(0);
    const conflict = await cli(['case', 'start', 'rights-grant', '--input', other, '--json'], api);
    expect(conflict.stderr).toContain('409');
    expect(conflict.code).toBe(1);
  });

  test('a long-running command stops on SIGHUP and SIGTERM like Ctrl-C', async () => {
    for (const signal of ['SIGHUP', 'SIGTERM'] as const) {
      const dataDir = mkdtempSync(path.join(os.tmpdir(), 'tf-cli-worker-'));
      const child = spawn(process.execPath, [BIN, 'worker'], {
        env: {
          ...process.env,
          NODE_OPTIONS: '',
          TEMPORAL_ADDRESS: e2e().env.address,
          DATABASE_URL: '',
          TRANSFERFLOW_DATA_DIR: dataDir,
        },
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      let log = '';
      await new Promise<void>((resolve, reject) => {
        child.stderr!.on('data', (c: Buffer) => {
          log += c.toString();
          if (log.includes('worker on ')) resolve();
        });
        child.once('exit', (code) => reject(new Error(`worker exited ${code}: ${log}`)));
      });
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      child.kill(signal);
      const code = await Promise.race([exited, new Promise((r) => setTimeout(() => r('still running'), 20_000))]);
      expect([signal, code]).toEqual([signal, 0]);
      // It released the PGlite folder on the way out.
      expect(existsSync(`${dataDir}.lock`)).toBe(false);
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 90_000);
});
