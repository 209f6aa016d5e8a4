// Pack tables for use-first-pay-later licences: the SME lines (1 000 staff / 400 M CNY and the
// others), the deferral floor and cap, open licences, and calendar-correct payment dates.
import { decideDeferredLicence } from '../../policies/deferred-licence/decide';
import { deferredLicenceInputSchema, type DeferredLicenceInput } from '../../policies/deferred-licence/input-schema';
import { EXAMPLE_LICENCE } from '../../policies/deferred-licence/example-request';
import { deferredLicenceDecisionSchema } from '../../policies/decision-schema';
import { addMonths } from '../../policies/dates';
import { NoPolicyInForceError } from '../../policies/select';

const licence = (
  over: {
    licensee?: Partial<DeferredLicenceInput['licensee']>;
    result?: Partial<DeferredLicenceInput['result']>;
    terms?: Partial<DeferredLicenceInput['terms']>;
  } = {},
): DeferredLicenceInput => ({
  ...EXAMPLE_LICENCE,
  licensee: { ...EXAMPLE_LICENCE.licensee, ...over.licensee },
  result: { ...EXAMPLE_LICENCE.result, ...over.result },
  terms: { ...EXAMPLE_LICENCE.terms, ...over.terms },
});
const decide = (input: DeferredLicenceInput) => decideDeferredLicence(input, '2026-03-01');
const checkOf = (d: ReturnType<typeof decide>, id: string) => d.checks.find((c) => c.id === id)!;

describe('calendar months', () => {
  test.each([
    ['2026-03-31', 12, '2027-03-31'],
    ['2026-01-31', 1, '2026-02-28'],
    ['2028-01-31', 1, '2028-02-29'],
    ['2024-02-29', 12, '2025-02-28'],
    ['2024-02-29', 48, '2028-02-29'],
    ['2026-12-15', 1, '2027-01-15'],
    ['2026-05-31', 36, '2029-05-31'],
    ['2026-08-31', 18, '2028-02-29'],
  ])('%s + %d months = %s', (date, months, expected) => {
    expect(addMonths(date, months)).toBe(expected);
  });
});

describe('SME size lines (工信部联企业〔2011〕300号)', () => {
  test.each([
    ['industry', 999, 500_000_000, true],
    ['industry', 1000, 399_999_999.99, true],
    ['industry', 1000, 400_000_000, false],
    ['industry', 5000, 1_000_000_000, false],
    ['software-it', 299, 200_000_000, true],
    ['software-it', 300, 99_999_999.99, true],
    ['software-it', 300, 100_000_000, false],
    ['other', 299, 10_000_000_000, true],
    ['other', 300, 1, false],
  ] as const)('%s with %d staff and CNY %d is small or medium: %s', (industry, employees, annualRevenueCny, sme) => {
    const d = decide(licence({ licensee: { industry, employees, annualRevenueCny } }));
    expect(checkOf(d, 'licensee-sme').passed).toBe(sme);
    expect(d.decision).toBe(sme ? 'eligible' : 'ineligible');
  });
});

describe('deferral', () => {
  test.each([
    [12, true, true, '2027-03-31'],
    [11, false, true, '2027-02-28'],
    [36, true, true, '2029-03-31'],
    [37, true, false, '2029-04-30'],
  ])('anniversary after %d months: floor %s, cap %s, first payment %s', (freeMonths, floor, cap, starts) => {
    const d = decide(licence({ terms: { freeMonths } }));
    expect(checkOf(d, 'deferral-floor').passed).toBe(floor);
    expect(checkOf(d, 'deferral-cap').passed).toBe(cap);
    expect(d.paymentStartsOn).toBe(starts);
  });

  test('anniversary without freeMonths means the first anniversary', () => {
    const d = decide(licence({ terms: { freeMonths: undefined, effectiveOn: '2024-02-29' } }));
    expect(d).toMatchObject({ freeMonths: 12, paymentStartsOn: '2025-02-28', decision: 'eligible' });
  });

  test('first-revenue trigger: no date yet, the floor does not apply', () => {
    const d = decide(licence({ terms: { trigger: 'first-revenue', freeMonths: undefined } }));
    expect(d).toMatchObject({ paymentStartsOn: null, freeMonths: null, decision: 'eligible' });
    expect(checkOf(d, 'deferral-floor').passed).toBe(true);
    expect(checkOf(d, 'deferral-cap').message).toContain('36 months');
  });
});

describe('result and licence form', () => {
  test('an open licence cannot be exclusive', () => {
    expect(
      checkOf(decide(licence({ result: { openLicence: true }, terms: { exclusive: true } })), 'open-licence-exclusive')
        .passed,
    ).toBe(false);
    expect(
      checkOf(decide(licence({ result: { openLicence: true }, terms: { exclusive: false } })), 'open-licence-exclusive')
        .passed,
    ).toBe(true);
    expect(
      checkOf(decide(licence({ result: { openLicence: false }, terms: { exclusive: true } })), 'open-licence-exclusive')
        .passed,
    ).toBe(true);
  });

  test('the result must be valid and separately managed', () => {
    const d = decide(licence({ result: { valid: false, separatelyManaged: false } }));
    expect(checkOf(d, 'result-valid').passed).toBe(false);
    expect(checkOf(d, 'separately-managed').passed).toBe(false);
  });
});

test('the decision follows the contract', () => {
  const d = decide(licence());
  expect(d).toMatchObject({
    mechanism: 'deferred-licence',
    decision: 'eligible',
    paymentStartsOn: '2027-03-31',
    policy: { id: 'cn-deferred-licence', confidence: 'assumed' },
  });
  expect(d.checks.map((c) => c.id)).toEqual([
    'licensee-sme',
    'result-valid',
    'separately-managed',
    'deferral-floor',
    'deferral-cap',
    'open-licence-exclusive',
  ]);
  expect(deferredLicenceDecisionSchema.safeParse(d).success).toBe(true);
  expect(() => decideDeferredLicence(licence(), '2024-07-17')).toThrow(NoPolicyInForceError);
  const r = deferredLicenceInputSchema.safeParse(
    licence({ licensee: { employees: -1 }, terms: { effectiveOn: '2026-02-30' } }),
  );
  expect(r.success ? [] : r.error.issues.map((i) => i.path.join('.')).sort()).toEqual([
    'licensee.employees',
    'terms.effectiveOn',
  ]);
});
