// Tables for the reward packs (docs/domain.md §5, CONTRACT.md `reward`): pack selection by
// province and date; each floor at and one fen below; each deduction; the leader rule; the 50 %
// taxable rule with and without registration; the rounding rules with awkward splits.
import { decideReward } from '../../policies/reward/decide';
import { rewardInputSchema, type RewardInput } from '../../policies/reward/input-schema';
import { rewardDecisionSchema } from '../../policies/decision-schema';
import { largestRemainder } from '../../policies/reward/distribute';
import { Decimal } from '../../policies/money';
import { NoPolicyInForceError } from '../../policies/select';
import { evaluate } from '../../client/evaluate';
import { InvalidInputError } from '../../client/issues';

type Overrides = {
  [K in keyof RewardInput]?: K extends 'unit' | 'income' ? Partial<RewardInput[K]> : RewardInput[K];
};

function reward(o: Overrides = {}): RewardInput {
  const base: RewardInput = {
    asOf: '2026-07-01',
    jurisdiction: { province: '湖北', city: '武汉' },
    unit: { name: 'Wuhan University', type: 'university', stateEstablished: true, nonProfit: true },
    income: { kind: 'licence', grossCny: 100_000, receivedOn: '2026-06-15', contractRegistered: true },
    team: [
      { id: 'r-1', name: 'Wang Lei', share: 0.6 },
      { id: 'r-2', name: 'Chen Jing', share: 0.4 },
    ],
  };
  return {
    ...base,
    ...o,
    unit: { ...base.unit, ...o.unit },
    income: { ...base.income, ...o.income } as RewardInput['income'],
  } as RewardInput;
}

const decide = (input: RewardInput) => {
  const d = decideReward(rewardInputSchema.parse(input), input.asOf!);
  expect(rewardDecisionSchema.safeParse(d).success).toBe(true);
  return d;
};
const checkOf = (d: ReturnType<typeof decideReward>, id: string) => d.checks.find((c) => c.id === id)!;
const third = 0.3333333333333333;

describe('pack selection by province and date', () => {
  test.each([
    ['2018-06-30', { province: '湖北' }, 'cn-reward-law-2015@2015.1'],
    ['2018-07-01', { province: '湖北' }, 'cn-reward-law-2015@2018.1'],
    ['2021-09-28', { province: '浙江' }, 'cn-reward-law-2015@2018.1'],
    ['2021-09-29', { province: '浙江省' }, 'cn-zhejiang-reward@2021.1'],
    ['2026-07-01', { province: 'Zhejiang', city: '宁波' }, 'cn-zhejiang-reward@2021.1'],
    ['2026-07-01', { province: '山东' }, 'cn-shandong-reward@2018.1'],
    ['2026-07-01', { province: '北京' }, 'cn-beijing-reward@2020.1'],
    ['2026-07-01', { province: 'Shanghai' }, 'cn-shanghai-reward@2017.1'],
    ['2026-07-01', { province: '广东', city: '深圳' }, 'cn-guangdong-reward@2024.1'],
    ['2023-12-31', { province: '广东' }, 'cn-reward-law-2015@2018.1'],
  ] as const)('on %s in %j the pack is %s', (asOf, jurisdiction, expected) => {
    const d = decide(reward({ asOf, jurisdiction: { ...jurisdiction }, income: { receivedOn: '2015-10-01' } }));
    expect(`${d.policy.id}@${d.policy.version}`).toBe(expected);
  });

  test('before the 2015 amendment no pack is in force', () => {
    expect(() => decide(reward({ asOf: '2015-09-30' }))).toThrow(NoPolicyInForceError);
  });
});

describe('floors: at the floor and one fen below', () => {
  // The pool is net income × the share, half-up to the fen; a rule's share one fen's worth below the floor fails.
  test.each([
    ['national licence', '湖北', 'licence', 0.5, true],
    ['national licence', '湖北', 'licence', 0.4999999, false],
    ['national transfer', '湖北', 'transfer', 0.5, true],
    ['national transfer', '湖北', 'transfer', 0.4999999, false],
    ['Zhejiang licence', '浙江', 'licence', 0.7, true],
    ['Zhejiang licence', '浙江', 'licence', 0.6999999, false],
    ['Shandong transfer', '山东', 'transfer', 0.7, true],
    ['Shandong transfer', '山东', 'transfer', 0.6999999, false],
    ['Guangdong licence', '广东', 'licence', 0.7, true],
    ['Beijing licence', '北京', 'licence', 0.5, true],
    ['Beijing licence', '北京', 'licence', 0.4999999, false],
  ] as const)('%s: a unit rule of %s (teamShare %d) passes: %s', (_l, province, kind, teamShare, passed) => {
    const d = decide(reward({ jurisdiction: { province }, unit: { rule: { teamShare } }, income: { kind } }));
    expect(checkOf(d, 'team-share-floor').passed).toBe(passed);
    expect(d.decision).toBe(passed ? 'approved' : 'rejected');
    expect(d.distribution === undefined).toBe(!passed);
  });

  test('one fen below the floor: a pool of CNY 50,000.00 passes, the rule that makes it 49,999.99 fails', () => {
    const at = decide(reward({ unit: { rule: { teamShare: 0.5 } } }));
    expect(at.distribution!.poolCny).toBe('50000.00');
    const below = decide(reward({ unit: { rule: { teamShare: 0.4999999 } } }));
    // 100 000 × 0.4999999 = 49 999.99: one fen under the floor's pool.
    expect(checkOf(below, 'team-share-floor')).toMatchObject({ passed: false, limit: 0.5, actual: 0.4999999 });
    expect(below.distribution).toBeUndefined();
  });

  test('equity: 50 % of the shares, rounded up to a whole share; one share under fails', () => {
    const d = decide(reward({ income: { kind: 'equity', shares: 1001, grossCny: undefined } }));
    expect(d.distribution).toMatchObject({ teamShares: 501, retainedShares: 500, taxRelief: false });
    expect(d.distribution!.people).toEqual([
      { id: 'r-1', shares: 301 }, // 501 × 0.6 = 300.6 → 300, + the one share left (largest remainder)
      { id: 'r-2', shares: 200 }, // 200.4 → 200
    ]);
    const under = decide(
      reward({ unit: { rule: { teamShare: 0.499 } }, income: { kind: 'equity', shares: 1000, grossCny: undefined } }),
    );
    expect(checkOf(under, 'team-share-floor').passed).toBe(false);
  });

  test('own implementation: 5 % of operating profit nationally, 10 % in Shandong', () => {
    const income = {
      kind: 'own-implementation' as const,
      grossCny: undefined,
      operatingProfitCny: 2_000_000,
      implementationYear: 2,
    };
    expect(decide(reward({ income })).distribution).toMatchObject({
      teamShare: 0.05,
      poolCny: '100000.00',
      retainedCny: '1900000.00',
    });
    const sd = decide(reward({ jurisdiction: { province: '山东' }, income }));
    expect(sd.distribution).toMatchObject({ teamShare: 0.1, poolCny: '200000.00' });
    expect(sd.distribution!.netIncomeCny).toBeUndefined();
    const low = decide(reward({ jurisdiction: { province: '山东' }, unit: { rule: { teamShare: 0.09 } }, income }));
    expect(checkOf(low, 'team-share-floor').passed).toBe(false);
  });

  test('the floor binds only state-established units once they have their own rule', () => {
    const d = decide(
      reward({ unit: { type: 'enterprise', stateEstablished: false, nonProfit: false, rule: { teamShare: 0.2 } } }),
    );
    expect(checkOf(d, 'team-share-floor')).toMatchObject({ passed: true, limit: 0.5, actual: 0.2 });
    expect(d.floor).toEqual({ teamShare: 0.5, binds: false });
    expect(d.distribution!.poolCny).toBe('20000.00');
    // Without a rule of its own, the floor is what it gets.
    const none = decide(reward({ unit: { type: 'enterprise', stateEstablished: false, nonProfit: false } }));
    expect(none.distribution!.poolCny).toBe('50000.00');
  });

  test('a unit rule not yet in force is not applied', () => {
    const d = decide(
      reward({ unit: { rule: { teamShare: 0.9, id: 'whu-rule', version: '2027', effectiveFrom: '2027-01-01' } } }),
    );
    expect(d.unitRule).toBeNull();
    expect(d.distribution!.teamShare).toBe(0.5);
    const inForce = decide(
      reward({ unit: { rule: { teamShare: 0.9, id: 'whu-rule', version: '2026', effectiveFrom: '2026-01-01' } } }),
    );
    expect(inForce.unitRule).toEqual({ id: 'whu-rule', version: '2026', teamShare: 0.9 });
    expect(inForce.distribution!.poolCny).toBe('90000.00');
  });
});

describe('net income and deductions', () => {
  test.each([
    ['taxes', 6000, '94000.00'],
    ['maintenance', 1500.5, '98499.50'],
    ['appraisal', 0.01, '99999.99'],
    ['deal-costs', 20_000, '80000.00'],
  ] as const)('national: %s of %d is deducted: net %s', (item, amountCny, net) => {
    const d = decide(reward({ income: { deductions: [{ item, amountCny }] } }));
    expect(d.distribution!.netIncomeCny).toBe(net);
    expect(checkOf(d, 'net-income').passed).toBe(true);
  });

  test('Shanghai does not deduct deal costs, and says so', () => {
    const d = decide(
      reward({
        jurisdiction: { province: '上海' },
        income: {
          deductions: [
            { item: 'deal-costs', amountCny: 20_000 },
            { item: 'taxes', amountCny: 1000 },
          ],
        },
      }),
    );
    expect(d.distribution!.netIncomeCny).toBe('99000.00');
    expect(checkOf(d, 'net-income').message).toContain('not deducted: deal-costs CNY 20,000.00');
  });

  test('deductions equal to the income pass (net 0); one fen more fails', () => {
    const at = decide(reward({ income: { deductions: [{ item: 'taxes', amountCny: 100_000 }] } }));
    expect(at.distribution).toMatchObject({ netIncomeCny: '0.00', poolCny: '0.00' });
    const over = decide(reward({ income: { deductions: [{ item: 'taxes', amountCny: 100_000.01 }] } }));
    expect(checkOf(over, 'net-income')).toMatchObject({ passed: false, limit: '100000.00', actual: '100000.01' });
    expect(over.decision).toBe('rejected');
  });
});

describe('leader rule', () => {
  const team = [
    { id: 'r-1', name: 'Wang Lei', share: 0.6, unitHead: true },
    { id: 'r-2', name: 'Chen Jing', share: 0.4 },
  ];
  test('a unit head takes no equity part', () => {
    const d = decide(reward({ team, income: { kind: 'equity', shares: 1000, grossCny: undefined } }));
    expect(checkOf(d, 'leader-equity')).toMatchObject({ passed: false, actual: 'r-1' });
    expect(d.decision).toBe('rejected');
  });
  test('a unit head with a zero equity part passes', () => {
    const d = decide(
      reward({
        team: [
          { ...team[0], share: 0 },
          { ...team[1], share: 1 },
        ],
        income: { kind: 'equity', shares: 10, grossCny: undefined },
      }),
    );
    expect(checkOf(d, 'leader-equity').passed).toBe(true);
  });
  test('a unit head may take a cash reward', () => {
    const d = decide(reward({ team }));
    expect(checkOf(d, 'leader-equity')).toMatchObject({ passed: true });
    expect(checkOf(d, 'leader-equity').message).toContain('publicised');
  });
});

describe('the 50 % taxable rule', () => {
  test('holds: half of each amount, half-up to the fen', () => {
    const d = decide(reward({ income: { grossCny: 100.01 } }));
    // pool 50.01 (50.005 half-up); 30.006 → 30.00 + 1 fen → 30.01, 20.004 → 20.00
    expect(d.distribution).toMatchObject({ poolCny: '50.01', taxRelief: true });
    expect(d.distribution!.people).toEqual([
      { id: 'r-1', amountCny: '30.01', taxableCny: '15.01' },
      { id: 'r-2', amountCny: '20.00', taxableCny: '10.00' },
    ]);
  });
  test.each([
    ['without registration', { income: { contractRegistered: false } }],
    ['for an enterprise', { unit: { type: 'enterprise' as const } }],
    ['for a for-profit unit', { unit: { nonProfit: false } }],
    ['paid 36 months and a day after receipt', { paidOn: '2029-06-16' }],
    ['before 58号 (2018-07-01)', { asOf: '2018-06-01', income: { receivedOn: '2018-05-01' } }],
  ] as const)('does not hold %s: the whole amount is taxable', (_l, o) => {
    const d = decide(reward(o as Overrides));
    expect(d.distribution!.taxRelief).toBe(false);
    for (const p of d.distribution!.people) expect(p.taxableCny).toBe(p.amountCny);
    expect(d.taxReliefReasons.some((r) => r.startsWith('✗')) || d.taxReliefReasons[0].startsWith('no 50 %')).toBe(true);
  });
  test('paid exactly 36 months after receipt still holds', () => {
    expect(decide(reward({ paidOn: '2029-06-15' })).distribution!.taxRelief).toBe(true);
  });
});

describe('rounding', () => {
  test('three people at 1/3 each of CNY 100.00: 33.34, 33.33, 33.33 (the fen left to the earliest)', () => {
    const d = decide(
      reward({
        unit: { rule: { teamShare: 1 } },
        income: { grossCny: 100 },
        team: [
          { id: 'a', name: 'A', share: third },
          { id: 'b', name: 'B', share: third },
          { id: 'c', name: 'C', share: third },
        ],
      }),
    );
    expect(checkOf(d, 'team-split').passed).toBe(true);
    expect(d.distribution!.people.map((p) => p.amountCny)).toEqual(['33.34', '33.33', '33.33']);
    expect(d.distribution!.people.map((p) => p.taxableCny)).toEqual(['16.67', '16.67', '16.67']);
  });

  test('the parts always add up to the pool', () => {
    for (const [pool, shares] of [
      [1, [third, third, third]],
      [10_001, [0.1, 0.2, 0.3, 0.4]],
      [7, [0.15, 0.15, 0.7]],
      [99_999_999_999, [0.123457, 0.876543]],
    ] as const) {
      const parts = largestRemainder(new Decimal(pool), shares);
      expect(parts.reduce((a, b) => a.plus(b), new Decimal(0)).toNumber()).toBe(pool);
    }
  });

  test('largest remainder first, ties to the earlier person', () => {
    expect(largestRemainder(new Decimal(10), [0.15, 0.15, 0.7]).map(Number)).toEqual([2, 1, 7]);
    expect(largestRemainder(new Decimal(100), [0.505, 0.495]).map(Number)).toEqual([51, 49]);
  });

  test('shares that add up to 99 % fail the split, and no distribution is given', () => {
    const d = decide(
      reward({
        team: [
          { id: 'a', name: 'A', share: 0.5 },
          { id: 'b', name: 'B', share: 0.49 },
        ],
      }),
    );
    expect(checkOf(d, 'team-split')).toMatchObject({ passed: false, actual: 0.99 });
    expect(d.distribution).toBeUndefined();
  });

  test('the check ids are stable and in order', () => {
    expect(decide(reward()).checks.map((c) => c.id)).toEqual([
      'net-income',
      'team-share-floor',
      'team-split',
      'leader-equity',
    ]);
  });
});

describe('input', () => {
  test.each([
    [{ kind: 'licence', receivedOn: '2026-06-01', contractRegistered: true }, 'income.grossCny'],
    [{ kind: 'equity', grossCny: 5, receivedOn: '2026-06-01', contractRegistered: true }, 'income.shares'],
    [
      { kind: 'own-implementation', operatingProfitCny: 5, receivedOn: '2026-06-01', contractRegistered: true },
      'income.implementationYear',
    ],
    [{ kind: 'licence', grossCny: 10.001, receivedOn: '2026-06-01', contractRegistered: true }, 'income.grossCny'],
  ])('%j is refused naming %s', (income, path) => {
    try {
      evaluate('reward', { ...reward(), income });
      throw new Error('accepted');
    } catch (error) {
      expect(error).toBeInstanceOf(InvalidInputError);
      expect((error as InvalidInputError).issues.map((i) => i.path)).toContain(path);
    }
  });
});
