import type { MaLoanInput } from '../../policies/ma-loan/input-schema';

/** A request every pack approves unless a test changes it: the pilot case in Chongqing. */
export function loanRequest(overrides: DeepPartial<MaLoanInput> = {}): MaLoanInput {
  const base: MaLoanInput = {
    requestId: 'req-1',
    asOf: '2025-06-01',
    bank: { id: 'cq-bank', name: 'Chongqing Example Bank' },
    acquirer: { name: 'Yuzhong Robotics Co.', city: 'Chongqing', techEnterprise: true, goodCredit: true },
    target: { name: 'Liangjiang Sensors Ltd.', city: 'Chongqing', techEnterprise: true },
    deal: { transactionPriceCny: 100_000_000, type: 'control', stakeAcquired: 0.6 },
    loan: { amountCny: 60_000_000, termYears: 7 },
  };
  return merge(base, overrides) as MaLoanInput;
}

export type DeepPartial<T> = { [K in keyof T]?: T[K] extends object ? DeepPartial<T[K]> : T[K] };

function merge(a: unknown, b: unknown): unknown {
  if (b === undefined) return a;
  if (a && b && typeof a === 'object' && typeof b === 'object' && !Array.isArray(a)) {
    const out: Record<string, unknown> = { ...(a as Record<string, unknown>) };
    for (const [k, v] of Object.entries(b as Record<string, unknown>)) out[k] = merge(out[k], v);
    return out;
  }
  return b;
}
