// An unknown place at the edge, as a new user meets it: the CLI exits 2 and the API answers 400,
// both with the field path and "did you mean" (no silent fallback to the national pack).
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ApiKeys } from '../../client/api/auth';
import { buildApi } from '../../client/api/server';
import { EXAMPLE_RIGHTS_GRANT } from '../../policies/rights-grant/example-request';
import { EXAMPLE_EXEMPTION } from '../../policies/diligence-exemption/example-request';
import { cli } from '../support/cli';
import { openTestDatabase } from '../support/test-db';
import { loanRequest } from '../support/loan-fixtures';

const dir = mkdtempSync(path.join(os.tmpdir(), 'tf-places-'));
function file(name: string, value: unknown): string {
  const p = path.join(dir, name);
  writeFileSync(p, JSON.stringify(value));
  return p;
}

describe('transferflow evaluate', () => {
  test.each([
    ['Chongching', 'did you mean Chongqing (重庆, Chongqing)?'],
    ['火星', 'unknown city "火星"'],
  ])('an acquirer in %s exits 2 naming acquirer.city', async (city, message) => {
    const r = await cli(['evaluate', 'ma-loan', '--input', file(`${city}.json`, loanRequest({ acquirer: { city } }))]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(JSON.parse(r.stderr)).toEqual({
      error: 'invalid-input',
      issues: [{ path: 'acquirer.city', message: expect.stringContaining(message) }],
    });
  });

  test('重慶 in traditional characters is Chongqing, and the pilot pack decides', async () => {
    const r = await cli([
      'evaluate',
      'ma-loan',
      '--input',
      file('trad.json', loanRequest({ acquirer: { city: '重慶' } })),
    ]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ policy: { id: 'cn-tech-ma-pilot' }, jurisdiction: 'chongqing' });
  });
});

describe('POST /v1/evaluate/*', () => {
  const key = 'places-tto-key-0123456789';
  let base: string;
  let close: () => Promise<void>;
  beforeAll(async () => {
    // A real database (PGlite): the API loads the admin page's stored keys and serves metrics from
    // it. Evaluation never reaches Temporal, so no Temporal server is started for this suite.
    const db = await openTestDatabase('pglite');
    const noTemporal: any = new Proxy(function noTemporal() {}, {
      get: (_t, k) => (k === 'then' ? undefined : noTemporal),
      apply: () => {
        throw new Error('evaluation must not reach Temporal');
      },
    });
    const app = buildApi({
      temporal: noTemporal,
      prisma: db.prisma,
      keys: new ApiKeys([{ name: 'places-tto', role: 'tto', key }]),
      syncTimeoutMs: 10,
    });
    base = await app.listen({ port: 0, host: '127.0.0.1' });
    close = async () => {
      await app.close();
      await db.destroy();
    };
  }, 60_000);
  afterAll(() => close());

  const post = async (mechanism: string, body: unknown) => {
    const res = await fetch(`${base}/v1/evaluate/${mechanism}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as any };
  };

  test('a rights grant in "Chongching" is a 400 with a suggestion, not the national pack', async () => {
    const r = await post('rights-grant', { ...EXAMPLE_RIGHTS_GRANT, jurisdiction: { city: 'Chongching' } });
    expect(r.status).toBe(400);
    expect(r.body).toMatchObject({
      error: 'invalid-input',
      issues: [{ path: 'jurisdiction.city', message: expect.stringContaining('did you mean Chongqing') }],
    });
  });

  test('a province that is none, and a city of another province, are 400s', async () => {
    const mars = await post('diligence-exemption', {
      ...EXAMPLE_EXEMPTION,
      jurisdiction: { province: '火星' },
    });
    expect(mars.status).toBe(400);
    expect(mars.body.issues).toEqual([{ path: 'jurisdiction.province', message: expect.stringContaining('火星') }]);
    const elsewhere = await post('rights-grant', {
      ...EXAMPLE_RIGHTS_GRANT,
      jurisdiction: { province: '广东', city: '合肥' },
    });
    expect(elsewhere.status).toBe(400);
    expect(elsewhere.body.issues).toEqual([
      { path: 'jurisdiction.city', message: 'Hefei (合肥) is in Anhui (安徽), not Guangdong (广东)' },
    ]);
  });

  test('重慶 and 合肥市 are accepted and decide as their packs', async () => {
    const hefei = await post('rights-grant', {
      ...EXAMPLE_RIGHTS_GRANT,
      jurisdiction: { province: '安徽省', city: '合肥市' },
    });
    expect(hefei.status).toBe(200);
    expect(hefei.body.policy.id).toBe('cn-hefei-metro-rights-grant');
    const cq = await post('ma-loan', loanRequest({ acquirer: { city: '重慶' } }));
    expect(cq.status).toBe(200);
    expect(cq.body.jurisdiction).toBe('chongqing');
  });
});
