// The loan check's remembered pack selection (selectPackRemembered with maLoanScopeKey) must give
// exactly the selection a fresh selectPack gives, for every part of a request the scope reads:
// places in and out of the pilot, spellings of one place, unknown places, each flag, each deal
// type, dates in every period of the timeline. A condition added to maLoanScope without its input
// in the key would make two requests share a selection that differs — this test would catch it.
import { selectPack, selectPackRemembered } from '../../policies/select';
import { maLoanScope, maLoanScopeKey } from '../../policies/ma-loan/scope';
import { decideMaLoan } from '../../policies/ma-loan/decide';
import { packsFor } from '../../policies/registry';
import type { MaLoanEvaluateInput } from '../../policies/ma-loan/input-schema';
import { loanRequest } from '../support/loan-fixtures';

const CITIES = [
  'Chongqing',
  '重庆',
  '重庆市',
  'Hefei',
  '合肥市',
  'Shenzhen',
  'Guangzhou',
  'Lanzhou',
  'Atlantis',
  'Xi’an',
];
const DEAL_TYPES = ['control', 'participation'] as const;
const TRI = [true, false, undefined] as const;

/** Every date a pack starts or ends, and the day before each: each period and each edge. */
function dates(): string[] {
  const cuts = packsFor('ma-loan').flatMap((p) => [p.effectiveFrom, ...(p.effectiveTo ? [p.effectiveTo] : [])]);
  const dayBefore = (d: string) => new Date(Date.parse(`${d}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
  return [...new Set([...cuts, ...cuts.map(dayBefore), '2030-01-01'])].sort();
}

function fresh(input: MaLoanEvaluateInput, asOf: string) {
  try {
    return selectPack('ma-loan', asOf, input, maLoanScope);
  } catch (error) {
    return (error as Error).message;
  }
}

function remembered(input: MaLoanEvaluateInput, asOf: string) {
  try {
    return selectPackRemembered('ma-loan', asOf, input, maLoanScope, maLoanScopeKey);
  } catch (error) {
    return (error as Error).message;
  }
}

test('a remembered selection equals a fresh one for every scope-relevant variation and date', () => {
  let compared = 0;
  for (const asOf of dates())
    for (const city of CITIES)
      for (const type of DEAL_TYPES)
        for (const tech of [true, false])
          for (const goodCredit of TRI)
            for (const pilotBank of TRI) {
              const input = loanRequest({
                acquirer: { city, techEnterprise: tech, goodCredit },
                bank: { pilotBank },
                deal: { type, stakeAcquired: 0.3 },
              });
              if (goodCredit === undefined) delete input.acquirer.goodCredit;
              if (pilotBank === undefined) delete input.bank.pilotBank;
              // Twice: the first fills the memory, the second reads it.
              remembered(input, asOf);
              expect(remembered(input, asOf)).toEqual(fresh(input, asOf));
              compared++;
            }
  expect(compared).toBeGreaterThan(1000);
});

test('a remembered selection is frozen, so one decision cannot change another’s notes', () => {
  const input = loanRequest({ acquirer: { city: 'Hefei' } });
  const first = decideMaLoan(input, '2026-06-01');
  const second = decideMaLoan(input, '2026-06-01');
  expect(second.selection).toBe(first.selection);
  expect(() => first.selection[0].reasons.push('tampered')).toThrow(TypeError);
  expect(() => ((first.policy as { id: string }).id = 'x')).toThrow(TypeError);
  const expected = selectPack('ma-loan', '2026-06-01', input, maLoanScope);
  expect(second.selection).toEqual(expected.notes);
});
