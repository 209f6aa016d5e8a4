// Every check id an evaluator may report, by mechanism: the stable ids of CONTRACT.md. check()
// takes only these, so a new check cannot be added without being named here — and the console's
// catalog test (tests/unit/console-reasons.test.ts) then fails until it has zh and en text.
// No Node imports: evaluators run inside workflows.
export const CHECK_IDS = {
  'ma-loan': [
    'loan-ratio',
    'loan-term',
    'deal-type',
    'stake',
    'acquirer-eligibility',
    'bank-eligibility',
    'concentration',
  ],
  'rights-grant': [
    'inventor-consent',
    'internal-split',
    'result-kind',
    'result-valid',
    'negative-list',
    'plan',
    'ltu-term',
    'ownership-share',
  ],
  'deferred-licence': [
    'licensee-sme',
    'result-valid',
    'separately-managed',
    'deferral-floor',
    'deferral-cap',
    'open-licence-exclusive',
  ],
  'diligence-exemption': ['pricing-route', 'collective-decision', 'internal-rules', 'negative-list'],
  reward: ['net-income', 'team-share-floor', 'team-split', 'leader-equity'],
} as const;

export type CheckId = (typeof CHECK_IDS)[keyof typeof CHECK_IDS][number];

/** Each id once, whichever mechanisms share it. */
export const ALL_CHECK_IDS: readonly CheckId[] = [...new Set(Object.values(CHECK_IDS).flat())];
