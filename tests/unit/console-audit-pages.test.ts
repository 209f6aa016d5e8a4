// The pure parts of the auditor's and policy pages and the printed documents: which pack applies
// (the selection's own reasons, and the dates of packs not in force), the field-by-field pack
// diff, a document record's hash (what it covers, stable across prints) and each document rendered
// in both languages, the parsing of uploaded
// histories and kept heads, and the catalog holding every key these pages use in both languages.
import { createHash, generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { whichPackApplies } from '../../client/console/policies/applies';
import { flatten, packDifferences } from '../../client/console/policies/diff';
import { hashRecord, type DocumentRecord } from '../../client/console/documents/record';
import { loanOpinionHtml } from '../../client/console/documents/loan-opinion';
import { publicityHtml } from '../../client/console/documents/publicity';
import { determinationHtml } from '../../client/console/documents/determination';
import { parseHistory } from '../../client/console/audit/verify-upload';
import { parseKept } from '../../client/console/audit/heads';
import { AUDIT_PAGE_MESSAGES } from '../../client/console/messages/audit-pages';
import { getPack } from '../../policies/registry';
import { MECHANISMS } from '../../policies/types';
import { InvalidInputError } from '../../client/issues';

describe('which pack applies', () => {
  test('a city pack in its area, the national pack set aside with the reason, others outside', () => {
    const a = whichPackApplies('rights-grant', { city: '合肥' }, '2026-01-15');
    expect(a.applied).toBe('cn-hefei-metro-rights-grant@2025.1');
    const byPack = Object.fromEntries(a.notes.map((n) => [n.policy, n]));
    expect(byPack['cn-rights-grant-pilot-2020@2020.1']).toEqual({
      policy: 'cn-rights-grant-pilot-2020@2020.1',
      applied: false,
      reasons: expect.arrayContaining(['a more specific pack (cn-hefei-metro-rights-grant@2025.1) applies']),
    });
    expect(byPack['cn-guangdong-rights-grant@2024.1'].reasons.join()).toContain('not one of Guangdong');
  });

  test('the day before a pack takes effect it is listed as not in force, with its dates', () => {
    const a = whichPackApplies('rights-grant', { city: '合肥' }, '2025-09-07');
    expect(a.applied).toBe('cn-rights-grant-pilot-2020@2020.1');
    const hefei = a.notes.find((n) => n.policy === 'cn-hefei-metro-rights-grant@2025.1')!;
    expect(hefei.applied).toBe(false);
    expect(hefei.reasons[0]).toMatch(/^not in force on 2025-09-07: in force from 2025-09-08/);
    expect(whichPackApplies('rights-grant', { city: '合肥' }, '2025-09-08').applied).toBe(
      'cn-hefei-metro-rights-grant@2025.1',
    );
  });

  test('before any pack of a mechanism: none applies, and the page says why', () => {
    const a = whichPackApplies('deferred-licence', {}, '2020-01-01');
    expect(a.applied).toBeNull();
    expect(a.error).toContain('no deferred-licence policy pack is in force on 2020-01-01');
    expect(a.notes).toHaveLength(1);
  });

  test("reward packs need a province: the city's is taken, and none is a field issue, not a crash", () => {
    expect(whichPackApplies('reward', { city: '深圳' }, '2026-06-01').applied).toBe('cn-guangdong-reward@2024.1');
    expect(() => whichPackApplies('reward', {}, '2026-06-01')).toThrow(InvalidInputError);
  });

  test('every mechanism answers for a date when packs are in force', () => {
    for (const m of MECHANISMS)
      expect({ m, applied: whichPackApplies(m, { city: '重庆', province: '重庆' }, '2026-06-01').applied }).toEqual({
        m,
        applied: expect.any(String),
      });
  });
});

describe('pack diff', () => {
  test('field by field: changed, added and removed leaves; nothing for a pack against itself', () => {
    const a = getPack('cn-tech-ma-pilot@2025.1');
    const b = getPack('cn-tech-ma-pilot@2026.1');
    expect(packDifferences(a, a)).toEqual([]);
    const d = Object.fromEntries(packDifferences(a, b).map((r) => [r.path, r]));
    expect(d.version).toEqual({ path: 'version', a: '"2025.1"', b: '"2026.1"' });
    expect(d.supersedes).toEqual({ path: 'supersedes', a: undefined, b: '"cn-tech-ma-pilot@2025.1"' });
    expect(d.effectiveTo).toEqual({ path: 'effectiveTo', a: '"2026-01-01"', b: 'null' });
  });

  test('flatten keeps empty containers as leaves, so emptying a list is a difference', () => {
    expect([...flatten({ a: [], b: { c: 1 } })]).toEqual([
      ['a', '[]'],
      ['b.c', '1'],
    ]);
  });
});

describe('document record', () => {
  const record: DocumentRecord = {
    document: 'rights-grant-publicity',
    format: 1,
    caseId: 'rg-1',
    pack: { id: 'p', version: '1', hash: 'h', title: 't' },
    facts: { b: 2, a: '公示' },
  };

  test('the hash is SHA-256 of the canonical JSON served, keys sorted, the same for the same facts', () => {
    const h = hashRecord(record);
    expect(h.json).toBe(
      '{"caseId":"rg-1","document":"rights-grant-publicity","facts":{"a":"公示","b":2},"format":1,"pack":{"hash":"h","id":"p","title":"t","version":"1"}}',
    );
    expect(h.sha256).toBe(createHash('sha256').update(Buffer.from(h.json, 'utf8')).digest('hex'));
    expect(hashRecord({ ...record, facts: { a: '公示', b: 2 } }).sha256).toBe(h.sha256);
    expect(hashRecord({ ...record, facts: { a: '公示', b: 3 } }).sha256).not.toBe(h.sha256);
  });
});

describe('uploads', () => {
  test('a committed history parses; text that is not one is refused with the field', () => {
    const file = path.join(__dirname, '..', 'replay', 'histories', 'ma-loan-measures-2025-participation.json');
    expect(parseHistory(readFileSync(file, 'utf8')).events.length).toBeGreaterThan(3);
    for (const bad of ['{', '{"events":[]}', '[1,2]']) expect(() => parseHistory(bad)).toThrow(InvalidInputError);
  });

  test('kept heads: a file with its key, a list, or one head; anything else refused', () => {
    const head = {
      treeSize: 3,
      rootHash: 'ab'.repeat(32),
      timestamp: '2026-01-01T00:00:00Z',
      keyId: 'k',
      signature: 's',
    };
    const pem = generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'pem' }).toString();
    const file = parseKept(JSON.stringify({ publicKey: pem, keyId: 'k', heads: [head] }));
    expect(file.heads).toEqual([head]);
    expect(file.publicKey?.asymmetricKeyType).toBe('ed25519');
    expect(parseKept(JSON.stringify([head])).heads).toEqual([head]);
    expect(parseKept(JSON.stringify(head))).toEqual({ heads: [head] });
    expect(() => parseKept(JSON.stringify({ heads: [] }))).toThrow(InvalidInputError);
    expect(() => parseKept(JSON.stringify({ ...head, rootHash: 'xyz' }))).toThrow(InvalidInputError);
    expect(() => parseKept(JSON.stringify({ publicKey: 'not a key', heads: [head] }))).toThrow(InvalidInputError);
  });
});

test('every message of these pages in both languages', () => {
  for (const [key, m] of Object.entries(AUDIT_PAGE_MESSAGES))
    expect({ key, zh: m.zh.length > 0, en: m.en.length > 0 }).toEqual({ key, zh: true, en: true });
  for (const m of MECHANISMS) expect(AUDIT_PAGE_MESSAGES).toHaveProperty([`mechanism.${m}`]);
});

test('each document renders in Chinese and English from its record alone, carrying the hash and the JSON path', () => {
  const pack = { id: 'p', version: '1', hash: 'h'.repeat(64), title: '政策' };
  const make = (document: string, facts: Record<string, unknown>) =>
    hashRecord({ document, format: 1, caseId: 'c-1', pack, facts });
  const docs = [loanOpinionHtml, publicityHtml, determinationHtml];
  const records = [
    make('ma-loan-opinion', {
      bankId: 'b',
      requestId: 'r-1',
      acquirer: { name: 'A', city: '重庆' },
      target: 'T',
      deal: { transactionPriceCny: 100, type: 'control' },
      loan: { amountCny: 80, termYears: 10 },
      decision: 'rejected',
      asOf: '2025-06-01',
      checks: [{ id: 'loan-ratio', passed: false, limit: 0.6, actual: 0.8, message: 'm' }],
    }),
    make('rights-grant-publicity', {
      unit: 'U',
      result: { title: 'R', kind: 'patent' },
      inventors: [{ name: 'I', share: 1 }],
      grant: { form: 'long-term-use', years: 10 },
      publicity: { opensAt: '2026-01-05T02:00:00Z', endsOn: '2026-01-26', workingDays: 15, endAssumed: true },
    }),
    make('diligence-exemption-determination', {
      transfer: { title: 'X', pricing: 'negotiated', decidedOn: '2025-03-10' },
      trigger: { kind: 'audit-finding', description: 'd', reportedOn: '2026-01-01' },
      applicants: [{ name: 'L', role: 'leader', preliminary: 'not-exempt', outcome: 'partly', reason: 'why' }],
      determinedBy: { id: 'committee-1', role: 'committee' },
      determinedAt: '2026-02-01T02:00:00Z',
      evidence: [{ name: 'e.pdf', sha256: 'e'.repeat(64) }],
      correctiveActions: [{ description: 'fix', owner: 'office', dueOn: '2026-03-01' }],
    }),
  ];
  for (const [i, render] of docs.entries())
    for (const lang of ['zh', 'en'] as const) {
      const page = render(lang, records[i], `/x/${i}.json`).text;
      expect({ i, lang, hash: page.includes(records[i].sha256), path: page.includes(`/x/${i}.json`) }).toEqual({
        i,
        lang,
        hash: true,
        path: true,
      });
    }
});
