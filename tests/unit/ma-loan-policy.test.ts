// Boundary tables for every ma-loan pack: the day before and the day each pack takes effect,
// exactly at each limit and one cent over, each city spelling, the stake thresholds.
import { decideMaLoan } from '../../policies/ma-loan/decide';
import { maLoanInputSchema } from '../../policies/ma-loan/input-schema';
import { NoPolicyInForceError } from '../../policies/select';
import { loanRequest } from '../support/loan-fixtures';

const nonTech = { acquirer: { techEnterprise: false } };

describe('pack selection by date and scope', () => {
  test.each([
    ['2025-03-04', {}, 'cn-ma-loan-guideline-2015@2015.1', 0.6],
    ['2025-03-05', {}, 'cn-tech-ma-pilot@2025.1', 0.8],
    ['2025-12-31', {}, 'cn-tech-ma-pilot@2025.1', 0.8],
    ['2026-01-01', {}, 'cn-tech-ma-pilot@2026.1', 0.8],
    ['2025-06-01', nonTech, 'cn-ma-loan-guideline-2015@2015.1', 0.6],
    ['2025-12-31', nonTech, 'cn-ma-loan-guideline-2015@2015.1', 0.6],
    ['2026-01-01', nonTech, 'cn-ma-loan-measures-2025@2026.1', 0.7],
    ['2025-06-01', { acquirer: { city: 'Lanzhou' } }, 'cn-ma-loan-guideline-2015@2015.1', 0.6],
    ['2025-06-01', { acquirer: { goodCredit: false } }, 'cn-ma-loan-guideline-2015@2015.1', 0.6],
    ['2025-06-01', { bank: { pilotBank: false } }, 'cn-ma-loan-guideline-2015@2015.1', 0.6],
    ['2026-06-01', { deal: { type: 'participation', stakeAcquired: 0.25 } }, 'cn-ma-loan-measures-2025@2026.1', 0.6],
  ] as const)('on %s with %j the pack is %s (ratio %d)', (asOf, overrides, expected, ratio) => {
    const d = decideMaLoan(loanRequest({ ...overrides, asOf }), asOf);
    expect(`${d.policy.id}@${d.policy.version}`).toBe(expected);
    expect(d.limits.maxLoanRatio).toBe(ratio);
    expect(d.selection.filter((n) => n.applied).map((n) => n.policy)).toEqual([expected]);
  });

  test('a pilot that does not apply says why', () => {
    const d = decideMaLoan(loanRequest({ acquirer: { city: 'Lanzhou', techEnterprise: false } }), '2025-06-01');
    const pilot = d.selection.find((n) => n.policy.startsWith('cn-tech-ma-pilot'))!;
    expect(pilot.applied).toBe(false);
    expect(pilot.reasons.join(' ')).toMatch(/Lanzhou.*not one of the pack's 18 cities/);
    expect(pilot.reasons.join(' ')).toMatch(/not a technology enterprise/);
  });

  test('before the 2015 guideline no pack is in force', () => {
    expect(() => decideMaLoan(loanRequest(), '2015-02-09')).toThrow(NoPolicyInForceError);
    expect(decideMaLoan(loanRequest({ acquirer: { city: 'Lanzhou' } }), '2015-02-10').policy.id).toBe(
      'cn-ma-loan-guideline-2015',
    );
  });
});

describe('loan ratio, exact to the cent', () => {
  const price = 123456789.01;
  test.each([
    ['2025-03-04', 0.6, 74074073.4, 'approved'],
    ['2025-03-04', 0.6, 74074073.41, 'rejected'],
    ['2025-06-01', 0.8, 98765431.2, 'approved'],
    ['2025-06-01', 0.8, 98765431.21, 'rejected'],
  ] as const)('on %s (%d) a loan of %d is %s', (asOf, ratio, amount, expected) => {
    const d = decideMaLoan(loanRequest({ deal: { transactionPriceCny: price }, loan: { amountCny: amount } }), asOf);
    expect(d.limits.maxLoanRatio).toBe(ratio);
    expect(d.decision).toBe(expected);
    expect(d.checks.find((c) => c.id === 'loan-ratio')!.passed).toBe(expected === 'approved');
  });

  test('the maximum amount is floored to the cent: 0.6 × 123456789.01 = 74074073.406 → 74074073.40', () => {
    const d = decideMaLoan(loanRequest({ deal: { transactionPriceCny: price } }), '2025-03-04');
    expect(d.limits.maxLoanAmountCny).toBe(74074073.4);
    expect(d.limits.minOwnFundsShare).toBe(0.4);
  });

  test.each([
    ['exactly at 70 %', 70_000_000, true],
    ['one cent over 70 %', 70_000_000.01, false],
  ])('2025 measures, control-type: %s', (_label, amount, passed) => {
    const d = decideMaLoan(
      loanRequest({ acquirer: { techEnterprise: false }, loan: { amountCny: amount } }),
      '2026-01-01',
    );
    expect(d.checks.find((c) => c.id === 'loan-ratio')!.passed).toBe(passed);
  });
});

describe('loan term', () => {
  test.each([
    ['2025-03-04', 7, true],
    ['2025-03-04', 7.5, false],
    ['2025-06-01', 10, true],
    ['2025-06-01', 10.5, false],
    ['2026-06-01', 10, true],
  ] as const)('on %s a term of %d years passes: %s', (asOf, termYears, passed) => {
    const d = decideMaLoan(loanRequest({ loan: { termYears } }), asOf);
    expect(d.checks.find((c) => c.id === 'loan-term')!.passed).toBe(passed);
  });
});

describe('deal type and stake', () => {
  test('participation-type is not allowed before the 2025 measures', () => {
    const d = decideMaLoan(loanRequest({ deal: { type: 'participation', stakeAcquired: 0.3 } }), '2025-06-01');
    expect(d.policy.id).toBe('cn-ma-loan-guideline-2015');
    expect(d.decision).toBe('rejected');
    expect(d.checks.find((c) => c.id === 'deal-type')).toMatchObject({
      passed: false,
      actual: 'participation',
      limit: ['control'],
    });
  });

  test.each([
    [0.2, undefined, true],
    [0.1999, undefined, false],
    [0.05, 0.2, true],
    [0.0499, 0.2, false],
    [0.05, 0.1999, false],
    [0.2, 0.1999, true],
  ])(
    '2025 measures, participation-type: acquiring %d holding %s passes: %s',
    (stakeAcquired, stakeHeldBefore, passed) => {
      const d = decideMaLoan(
        loanRequest({
          deal: { type: 'participation', stakeAcquired, stakeHeldBefore },
          loan: { amountCny: 60_000_000 },
        }),
        '2026-03-01',
      );
      expect(d.checks.find((c) => c.id === 'stake')!.passed).toBe(passed);
      expect(d.checks.find((c) => c.id === 'loan-ratio')).toMatchObject({ passed: true, limit: 0.6 });
      expect(d.limits.maxTermYears).toBe(7);
    },
  );
});

describe('cities in English or Chinese', () => {
  test.each(['Chongqing', 'chongqing', '重庆', '重庆市', ' CHONGQING ', 'Chongqing City'])(
    '%s is a pilot city',
    (city) => {
      const d = decideMaLoan(loanRequest({ acquirer: { city } }), '2025-06-01');
      expect(d.policy.id).toBe('cn-tech-ma-pilot');
      expect(d.jurisdiction).toBe('chongqing');
    },
  );
  test.each(["Xi'an", 'xian', '西安市', '合肥', 'Hefei', '深圳市'])('%s is a pilot city', (city) => {
    expect(decideMaLoan(loanRequest({ acquirer: { city } }), '2025-06-01').policy.id).toBe('cn-tech-ma-pilot');
  });
  test.each(['Lanzhou', '兰州市', 'Urumqi'])('%s is not', (city) => {
    expect(decideMaLoan(loanRequest({ acquirer: { city } }), '2025-06-01').policy.id).toBe('cn-ma-loan-guideline-2015');
  });
});

describe('bank checks', () => {
  test('capital adequacy exactly at 10 % passes, below fails', () => {
    const at = decideMaLoan(loanRequest({ bank: { capitalAdequacyRatio: 0.1 } }), '2025-06-01');
    const below = decideMaLoan(loanRequest({ bank: { capitalAdequacyRatio: 0.0999 } }), '2025-06-01');
    expect(at.checks.find((c) => c.id === 'bank-eligibility')!.passed).toBe(true);
    expect(below.checks.find((c) => c.id === 'bank-eligibility')!.passed).toBe(false);
    expect(below.decision).toBe('rejected');
  });

  test('concentration is checked only when the bank sends its tier-1 capital', () => {
    expect(decideMaLoan(loanRequest(), '2025-06-01').checks.map((c) => c.id)).toEqual([
      'loan-ratio',
      'loan-term',
      'deal-type',
      'stake',
      'acquirer-eligibility',
      'bank-eligibility',
    ]);
    // 5 % of 1.2 bn = 60 M: exactly at the borrower limit, then one cent over through earlier loans.
    const at = decideMaLoan(loanRequest({ bank: { tier1CapitalCny: 1_200_000_000 } }), '2025-06-01');
    const over = decideMaLoan(
      loanRequest({ bank: { tier1CapitalCny: 1_200_000_000 }, acquirer: { maLoansFromBankCny: 0.01 } }),
      '2025-06-01',
    );
    expect(at.checks.find((c) => c.id === 'concentration')).toMatchObject({ passed: true, limit: 0.05, actual: 0.05 });
    expect(over.checks.find((c) => c.id === 'concentration')!.passed).toBe(false);
    const book = decideMaLoan(
      loanRequest({ bank: { tier1CapitalCny: 2_000_000_000, outstandingMaLoansCny: 940_000_000.01 } }),
      '2025-06-01',
    );
    expect(book.checks.find((c) => c.id === 'concentration')).toMatchObject({ passed: false, limit: 0.5 });
  });
});

describe('the decision JSON', () => {
  test('is the positive value exactly when every check passed, and names its pack', () => {
    const d = decideMaLoan(loanRequest(), '2025-06-01');
    expect(d).toMatchObject({ mechanism: 'ma-loan', decision: 'approved', asOf: '2025-06-01' });
    expect(d.checks.every((c) => c.passed)).toBe(true);
    expect(d.policy).toMatchObject({
      id: 'cn-tech-ma-pilot',
      version: '2025.1',
      effectiveFrom: '2025-03-05',
      effectiveTo: '2026-01-01',
      confidence: 'confirmed',
    });
    expect(d.policy.hash).toMatch(/^[0-9a-f]{64}$/);
    for (const c of d.checks) expect(c.message.length).toBeGreaterThan(10);
  });
});

describe('input validation', () => {
  const issues = (value: unknown) => {
    const r = maLoanInputSchema.safeParse(value);
    return r.success ? [] : r.error.issues.map((i) => i.path.join('.'));
  };
  test('field paths name what is wrong', () => {
    expect(issues(loanRequest({ deal: { transactionPriceCny: 1.001 } }))).toEqual(['deal.transactionPriceCny']);
    expect(issues(loanRequest({ deal: { transactionPriceCny: -5 } }))).toEqual(['deal.transactionPriceCny']);
    expect(issues(loanRequest({ loan: { amountCny: 0 } }))).toEqual(['loan.amountCny']);
    expect(issues(loanRequest({ asOf: '2025-02-30' }))).toEqual(['asOf']);
    expect(issues(loanRequest({ deal: { stakeAcquired: 0.6, stakeHeldBefore: 0.5 } }))).toEqual(['deal.stakeAcquired']);
    expect(issues({ ...loanRequest(), requestId: '' })).toEqual(['requestId']);
    expect(issues({ ...loanRequest(), extra: 1 })).toEqual(['']);
    expect(issues(loanRequest({ acquirer: { name: 'A\u0000B' } }))).toEqual(['acquirer.name']);
    expect(issues({ ...loanRequest(), requestId: 'x\u0000' })).toEqual(['requestId']);
    expect(issues(loanRequest())).toEqual([]);
  });
});
