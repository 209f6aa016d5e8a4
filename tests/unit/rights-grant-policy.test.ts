// Boundary tables for the rights-grant packs: national 2020 pilot, Hefei metropolitan pilot,
// Guangdong; dates each takes effect (and the Hefei pilot's end), share and term limits.
import { decideRightsGrant } from '../../policies/rights-grant/decide';
import { rightsGrantInputSchema } from '../../policies/rights-grant/input-schema';
import { rightsGrantDecisionSchema } from '../../policies/decision-schema';
import { NoPolicyInForceError } from '../../policies/select';
import { grantRequest } from '../support/rights-grant-fixtures';

const check = (d: ReturnType<typeof decideRightsGrant>, id: string) => d.checks.find((c) => c.id === id)!;

describe('pack selection', () => {
  test.each([
    ['2025-09-07', { city: '合肥' }, 'cn-rights-grant-pilot-2020@2020.1'],
    ['2025-09-08', { city: '合肥' }, 'cn-hefei-metro-rights-grant@2025.1'],
    ['2025-09-08', { city: 'Hefei' }, 'cn-hefei-metro-rights-grant@2025.1'],
    ['2026-01-10', { city: '寿县' }, 'cn-hefei-metro-rights-grant@2025.1'],
    ['2027-09-07', { city: '合肥市' }, 'cn-hefei-metro-rights-grant@2025.1'],
    ['2027-09-08', { city: '合肥市' }, 'cn-rights-grant-pilot-2020@2020.1'],
    ['2026-01-10', { city: 'Wuhu' }, 'cn-rights-grant-pilot-2020@2020.1'],
    ['2024-01-01', { city: 'Shenzhen' }, 'cn-guangdong-rights-grant@2024.1'],
    ['2023-12-31', { city: 'Shenzhen' }, 'cn-rights-grant-pilot-2020@2020.1'],
    ['2026-01-10', { province: '广东省' }, 'cn-guangdong-rights-grant@2024.1'],
    ['2026-01-10', { province: 'Guangdong Province', city: 'Foshan' }, 'cn-guangdong-rights-grant@2024.1'],
    ['2026-01-10', { city: 'Beijing' }, 'cn-rights-grant-pilot-2020@2020.1'],
  ] as const)('on %s in %j the pack is %s', (asOf, jurisdiction, expected) => {
    const d = decideRightsGrant(grantRequest({ jurisdiction: { ...jurisdiction } }), asOf);
    expect(`${d.policy.id}@${d.policy.version}`).toBe(expected);
  });

  test('before the 2020 pilot no pack is in force', () => {
    expect(() => decideRightsGrant(grantRequest(), '2020-04-30')).toThrow(NoPolicyInForceError);
  });
});

describe('ownership share and long-term use', () => {
  test.each([
    ['national', { city: 'Beijing' }, 0.01, true],
    ['national', { city: 'Beijing' }, 0.99, true],
    ['national: co-ownership, the unit keeps a share', { city: 'Beijing' }, 1, false],
    ['Hefei: exactly 70 %', { city: '合肥' }, 0.7, true],
    ['Hefei: just under 70 %', { city: '合肥' }, 0.6999, false],
    ['Hefei: the whole result', { city: '合肥' }, 1, true],
    ['Guangdong: exactly 70 %', { city: '深圳' }, 0.7, true],
    ['Guangdong: 60 %', { city: '深圳' }, 0.6, false],
  ])('%s: team share %d passes: %s', (_label, jurisdiction, teamShare, passed) => {
    const d = decideRightsGrant(grantRequest({ jurisdiction, grant: { form: 'ownership', teamShare } }), '2026-03-02');
    expect(check(d, 'ownership-share').passed).toBe(passed);
    expect(d.decision).toBe(passed ? 'eligible' : 'ineligible');
    expect(d.checks.map((c) => c.id)).not.toContain('ltu-term');
  });

  test.each([
    [{ city: 'Beijing' }, 10, true],
    [{ city: 'Beijing' }, 9.99, false],
    [{ city: '合肥' }, 10, true],
    [{ city: '合肥' }, 9, false],
  ])('in %j a long-term use right of %d years passes: %s', (jurisdiction, years, passed) => {
    const d = decideRightsGrant(grantRequest({ jurisdiction, grant: { form: 'long-term-use', years } }), '2026-03-02');
    expect(check(d, 'ltu-term')).toMatchObject({ passed, limit: 10, actual: years });
    expect(d.checks.map((c) => c.id)).not.toContain('ownership-share');
  });
});

describe('the other checks', () => {
  test('internal shares must add up to exactly 1, in decimal', () => {
    const three = [
      { id: 'a', name: 'A', share: 0.1, consented: true },
      { id: 'b', name: 'B', share: 0.2, consented: true },
      { id: 'c', name: 'C', share: 0.7, consented: true },
    ];
    // 0.1 + 0.2 + 0.7 is 0.9999999999999999 in binary floating point.
    expect(check(decideRightsGrant(grantRequest({ inventors: three }), '2026-03-02'), 'internal-split').passed).toBe(
      true,
    );
    const short = three.slice(0, 2);
    expect(check(decideRightsGrant(grantRequest({ inventors: short }), '2026-03-02'), 'internal-split')).toMatchObject({
      passed: false,
      actual: 0.3,
    });
  });

  test('every inventor must consent, and the refusers are named', () => {
    const d = decideRightsGrant(
      grantRequest({
        inventors: [
          { id: 'r-1', name: 'Wang Lei', share: 0.5, consented: true },
          { id: 'r-2', name: 'Chen Jing', share: 0.5, consented: false },
        ],
      }),
      '2026-03-02',
    );
    expect(check(d, 'inventor-consent')).toMatchObject({ passed: false, actual: '1/2' });
    expect(check(d, 'inventor-consent').message).toContain('Chen Jing (r-2)');
  });

  test.each([
    ['nationalSecurity', 'national-security'],
    ['stateSecret', 'state-secret'],
    ['publicInterest', 'public-interest'],
    ['ethicsBreach', 'ethics-breach'],
    ['relatedPartyUndisclosed', 'related-party-undisclosed'],
  ])('negative list: %s bars the grant as %s', (flag, code) => {
    const d = decideRightsGrant(grantRequest({ flags: { [flag]: true } }), '2026-03-02');
    expect(d.negativeListHits).toEqual([code]);
    expect(check(d, 'negative-list').passed).toBe(false);
    expect(d.decision).toBe('ineligible');
  });

  test('a plan needs a licensee and a commercialisation plan; the result must be valid', () => {
    const d = decideRightsGrant(
      grantRequest({
        plan: { licenseeIdentified: false, commercialisationPlan: true },
        result: { title: 'X', kind: 'technical-secret', valid: false },
      }),
      '2026-03-02',
    );
    expect(check(d, 'plan').passed).toBe(false);
    expect(check(d, 'result-valid').passed).toBe(false);
    expect(check(d, 'result-kind').passed).toBe(true);
  });

  test('the decision follows the contract: stable check ids, publicity days, schema', () => {
    const d = decideRightsGrant(grantRequest(), '2026-03-02');
    expect(d).toMatchObject({
      mechanism: 'rights-grant',
      decision: 'eligible',
      asOf: '2026-03-02',
      publicityDays: 15,
      negativeListHits: [],
    });
    expect(d.checks.map((c) => c.id)).toEqual([
      'inventor-consent',
      'internal-split',
      'result-kind',
      'result-valid',
      'negative-list',
      'plan',
      'ownership-share',
    ]);
    expect(rightsGrantDecisionSchema.safeParse(d).success).toBe(true);
    // A municipality is its own province-level division (GB/T 2260 110000).
    expect(d.jurisdiction).toEqual({ city: 'beijing', province: 'beijing' });
  });
});

test('input validation names each field', () => {
  const paths = (v: unknown) => {
    const r = rightsGrantInputSchema.safeParse(v);
    return r.success ? [] : r.error.issues.map((i) => i.path.join('.'));
  };
  expect(paths(grantRequest())).toEqual([]);
  expect(paths(grantRequest({ grant: { form: 'ownership', teamShare: 0 } }))).toEqual(['grant.teamShare']);
  expect(paths({ ...grantRequest(), grant: { form: 'lease', years: 3 } })).toEqual(['grant.form']);
  expect(paths(grantRequest({ inventors: [] }))).toEqual(['inventors']);
  expect(
    paths(
      grantRequest({
        inventors: [
          { id: 'a', name: 'A', share: 0.5, consented: true },
          { id: 'a', name: 'B', share: 0.5, consented: true },
        ],
      }),
    ),
  ).toEqual(['inventors']);
  expect(paths({ ...grantRequest(), result: { title: 'x', kind: 'trademark', valid: true } })).toEqual(['result.kind']);
});
