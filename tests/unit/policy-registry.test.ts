import { createHash } from 'node:crypto';
import { sha256Hex } from '../../policies/sha256';
import { canonicalJson } from '../../policies/canonical-json';
import { allPacks, getPack, packHash } from '../../policies/registry';
import { findPackProblems } from '../../policies/check-packs';
import type { PolicyPack } from '../../policies/types';

test('the pure SHA-256 matches node:crypto', () => {
  for (const text of ['', 'abc', 'x'.repeat(55), 'x'.repeat(56), 'x'.repeat(64), '重庆市 80 %'.repeat(40)]) {
    expect(sha256Hex(text)).toBe(createHash('sha256').update(text, 'utf8').digest('hex'));
  }
});

test('canonical JSON ignores key order', () => {
  expect(canonicalJson({ b: 1, a: [{ d: 2, c: 3 }] })).toBe('{"a":[{"c":3,"d":2}],"b":1}');
});

test('the released packs are sound: well-formed, unique, no ties', () => {
  expect(findPackProblems()).toEqual([]);
});

test('a second national pack over the same dates is reported as a tie', () => {
  const measures = getPack('cn-ma-loan-measures-2025@2026.1');
  const clash = { ...measures, version: '2026.2' } as PolicyPack;
  expect(findPackProblems([...allPacks(), clash])).toEqual([
    'cn-ma-loan-measures-2025@2026.1 and cn-ma-loan-measures-2025@2026.2 tie: same scope level, overlapping dates and jurisdictions',
  ]);
});

test('malformed parameters are named with their path', () => {
  const bad = {
    ...getPack('cn-ma-loan-measures-2025@2026.1'),
    version: 'x',
    effectiveFrom: '2030-01-01',
    effectiveTo: null,
  } as PolicyPack;
  (bad as { parameters: unknown }).parameters = {
    ...(bad.parameters as object),
    dealTypes: { control: { maxLoanRatio: 0.7, maxTermYears: 10 } },
  };
  const problems = findPackProblems([bad]);
  expect(problems.some((p) => p.includes('parameters.dealTypes.control.maxLoanRatio'))).toBe(true);
});

test('a pack hash changes when any parameter changes', () => {
  const pack = getPack('cn-tech-ma-pilot@2025.1');
  const edited = JSON.parse(JSON.stringify(pack)) as PolicyPack;
  (edited.parameters as { dealTypes: { control: { maxLoanRatio: string } } }).dealTypes.control.maxLoanRatio = '0.81';
  expect(packHash(edited)).not.toBe(packHash(pack));
  expect(packHash(JSON.parse(JSON.stringify(pack)))).toBe(packHash(pack));
});
