// Pack tables for due-diligence exemption: each pricing route, each negative-list item, each role.
import { decideDiligenceExemption } from '../../policies/diligence-exemption/decide';
import {
  diligenceExemptionInputSchema,
  type DiligenceExemptionInput,
} from '../../policies/diligence-exemption/input-schema';
import { EXAMPLE_EXEMPTION } from '../../policies/diligence-exemption/example-request';
import { diligenceExemptionDecisionSchema } from '../../policies/decision-schema';

const national = (over: Partial<DiligenceExemptionInput> = {}): DiligenceExemptionInput => ({
  ...EXAMPLE_EXEMPTION,
  jurisdiction: { city: 'Beijing' },
  ...over,
});
const transfer = (t: Partial<DiligenceExemptionInput['transfer']>) => ({ ...EXAMPLE_EXEMPTION.transfer, ...t });
const checkOf = (d: ReturnType<typeof decideDiligenceExemption>, id: string) => d.checks.find((c) => c.id === id)!;

describe('pricing routes (国发〔2016〕16号 item 十)', () => {
  test.each([
    ['listing', false, false, true],
    ['auction', false, false, true],
    ['negotiated', true, true, true],
    ['negotiated', true, false, false],
    ['negotiated', false, true, false],
    ['negotiated', false, false, false],
  ] as const)(
    '%s, publicised in unit %s, on exchange %s → exempt: %s',
    (pricing, publicisedInUnit, publicisedOnExchange, exempt) => {
      const d = decideDiligenceExemption(
        national({ transfer: transfer({ pricing, publicisedInUnit, publicisedOnExchange }) }),
        '2026-05-20',
      );
      expect(checkOf(d, 'pricing-route').passed).toBe(exempt);
      expect(d.decision).toBe(exempt ? 'exempt' : 'not-exempt');
    },
  );

  test('unit-only publicity is named as meeting Art. 18 but not the exemption', () => {
    const d = decideDiligenceExemption(national({ transfer: transfer({ publicisedOnExchange: false }) }), '2026-05-20');
    expect(checkOf(d, 'pricing-route').message).toMatch(/on a technology exchange as well.*not the exemption/);
  });
});

describe('negative list: never exempt', () => {
  test.each([
    ['illegalGain', 'illegal-gain'],
    ['collusion', 'collusion'],
    ['relatedPartyUndisclosed', 'related-party-undisclosed'],
    ['falsified', 'falsified-records'],
    ['actedAfterBan', 'acted-after-ban'],
    ['secrecyBreach', 'secrecy-breach'],
  ])('%s → %s', (flag, code) => {
    for (const role of ['leader', 'manager', 'researcher'] as const) {
      const d = decideDiligenceExemption(
        { ...EXAMPLE_EXEMPTION, person: { name: 'X', role }, conduct: { ...EXAMPLE_EXEMPTION.conduct, [flag]: true } },
        '2026-05-20',
      );
      expect(d.negativeListHits).toEqual([code]);
      expect(d.decision).toBe('not-exempt');
    }
  });
});

describe('roles', () => {
  const lapses = transfer({
    pricing: 'negotiated',
    publicisedOnExchange: false,
    collectiveDecision: false,
    internalRulesExist: false,
  });
  test('nationally every role answers for every condition', () => {
    for (const role of ['leader', 'manager', 'researcher'] as const) {
      const d = decideDiligenceExemption(national({ person: { name: 'X', role }, transfer: lapses }), '2026-05-20');
      expect(d.policy.id).toBe('cn-diligence-exemption-2016');
      expect(d.checks.filter((c) => !c.passed).map((c) => c.id)).toEqual([
        'pricing-route',
        'collective-decision',
        'internal-rules',
      ]);
    }
  });

  test.each([
    ['leader', ['pricing-route', 'collective-decision', 'internal-rules']],
    ['manager', ['pricing-route', 'collective-decision']],
    ['researcher', []],
  ] as const)('in Jiangsu a %s answers for %j', (role, failing) => {
    const d = decideDiligenceExemption(
      { ...EXAMPLE_EXEMPTION, person: { name: 'X', role }, transfer: lapses },
      '2026-05-20',
    );
    expect(d.policy.id).toBe('cn-jiangsu-diligence-exemption');
    expect(d.checks.filter((c) => !c.passed).map((c) => c.id)).toEqual(failing);
    expect(d.roleChecks).toEqual(failing);
  });

  test('the Jiangsu pack applies from 2025-01-01, by province or by a Jiangsu city', () => {
    expect(decideDiligenceExemption({ ...EXAMPLE_EXEMPTION }, '2024-12-31').policy.id).toBe(
      'cn-diligence-exemption-2016',
    );
    expect(
      decideDiligenceExemption({ ...EXAMPLE_EXEMPTION, jurisdiction: { city: '苏州' } }, '2025-01-01').policy.id,
    ).toBe('cn-jiangsu-diligence-exemption');
    expect(decideDiligenceExemption({ ...EXAMPLE_EXEMPTION, jurisdiction: undefined }, '2025-01-01').policy.id).toBe(
      'cn-diligence-exemption-2016',
    );
  });
});

test('the decision follows the contract and input errors name their fields', () => {
  const d = decideDiligenceExemption(national(), '2026-05-20');
  expect(d).toMatchObject({ mechanism: 'diligence-exemption', decision: 'exempt', negativeListHits: [] });
  expect(d.checks.map((c) => c.id)).toEqual([
    'pricing-route',
    'collective-decision',
    'internal-rules',
    'negative-list',
  ]);
  expect(diligenceExemptionDecisionSchema.safeParse(d).success).toBe(true);
  const r = diligenceExemptionInputSchema.safeParse({
    ...EXAMPLE_EXEMPTION,
    person: { name: 'X', role: 'janitor' },
    conduct: { illegalGain: false },
  });
  expect(r.success ? [] : r.error.issues.map((i) => i.path.join('.')).sort()).toEqual([
    'conduct.actedAfterBan',
    'conduct.collusion',
    'conduct.falsified',
    'conduct.relatedPartyUndisclosed',
    'conduct.secrecyBreach',
    'person.role',
  ]);
});
