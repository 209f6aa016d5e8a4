// The payment schedule and ledger arithmetic of a deferred licence: pure and exact (decimal.js),
// safe inside workflows. Amounts are strings with two decimals ("1234.50"), never floats.
import { Decimal, type DecimalValue } from '../money';
import { addDays, addMonths } from '../dates';
import { isRoyalty, type LicencePayment } from './terms-schema';

export type ItemStatus = 'scheduled' | 'due' | 'overdue' | 'paid' | 'defaulted' | 'cancelled';

export interface ScheduleItem {
  no: number;
  kind: 'instalment' | 'royalty';
  /** The date it must be paid by (inclusive). */
  dueOn: string;
  /** Royalty periods: [periodFrom, periodTo), assessed on periodTo. */
  periodFrom: string | null;
  periodTo: string | null;
  /** Revenue reported for a royalty period. */
  revenueCny: string | null;
  /** Null until a royalty period is assessed. */
  amountCny: string | null;
  /** Posted to the ledger as due (on its due date). */
  posted: boolean;
  paidCny: string;
  status: ItemStatus;
  settledOn: string | null;
  /** Days-before reminders already sent. */
  reminded: number[];
}

export interface LedgerTotals {
  dueCny: string;
  paidCny: string;
  overdueCny: string;
  /** Due minus paid: what the licensee owes now (negative: paid in advance). */
  balanceCny: string;
}

export const cny = (d: DecimalValue) => new Decimal(d).toFixed(2);

/** fee ÷ n rounded down to the fen; the last instalment takes the remainder, so they sum to the fee. */
export function instalmentAmounts(fee: DecimalValue, n: number): string[] {
  const each = new Decimal(fee).div(n).toDecimalPlaces(2, Decimal.ROUND_DOWN);
  const last = new Decimal(fee).minus(each.times(n - 1));
  return [...Array.from({ length: n - 1 }, () => cny(each)), cny(last)];
}

/** rate × revenue, rounded half-up to the fen. */
export function royaltyAmount(rate: DecimalValue, revenue: DecimalValue): string {
  return cny(new Decimal(rate).times(revenue).toDecimalPlaces(2, Decimal.ROUND_HALF_UP));
}

/**
 * Items numbered from firstNo, anchored on startsOn (each date computed from the anchor, so month
 * ends do not drift: 01-31, 02-28, 03-31 …). Royalty periods are due paymentDays after they end.
 */
export function buildSchedule(
  payment: LicencePayment,
  startsOn: string,
  firstNo: number,
  royaltyPaymentDays: number,
): ScheduleItem[] {
  const blank = {
    revenueCny: null,
    posted: false,
    paidCny: '0.00',
    status: 'scheduled' as const,
    settledOn: null,
    reminded: [],
  };
  if (isRoyalty(payment)) {
    return Array.from({ length: payment.periods }, (_, i) => {
      const periodFrom = addMonths(startsOn, i * payment.periodMonths);
      const periodTo = addMonths(startsOn, (i + 1) * payment.periodMonths);
      return {
        ...blank,
        no: firstNo + i,
        kind: 'royalty' as const,
        periodFrom,
        periodTo,
        dueOn: addDays(periodTo, royaltyPaymentDays),
        amountCny: null,
        revenueCny: '0.00',
      };
    });
  }
  return instalmentAmounts(payment.feeCny, payment.instalments).map((amountCny, i) => ({
    ...blank,
    no: firstNo + i,
    kind: 'instalment' as const,
    periodFrom: null,
    periodTo: null,
    dueOn: addMonths(startsOn, i * payment.intervalMonths),
    amountCny,
  }));
}

/**
 * Spreads everything paid over the posted items, oldest first; returns the items that became
 * fully paid by this allocation. Never touches unposted items: an advance stays as credit.
 */
export function allocate(items: ScheduleItem[], totalPaid: DecimalValue, today: string): ScheduleItem[] {
  let left = new Decimal(totalPaid);
  const settled: ScheduleItem[] = [];
  for (const item of items) {
    if (!item.posted || item.status === 'cancelled') continue;
    const amount = new Decimal(item.amountCny!);
    const paid = Decimal.min(amount, left);
    left = left.minus(paid);
    item.paidCny = cny(paid);
    if (paid.gte(amount) && item.status !== 'paid') {
      item.status = 'paid';
      item.settledOn = today;
      settled.push(item);
    }
  }
  return settled;
}

export function outstanding(item: ScheduleItem): Decimal {
  return item.posted ? new Decimal(item.amountCny!).minus(item.paidCny) : new Decimal(0);
}

export function totals(items: ScheduleItem[], totalPaid: DecimalValue): LedgerTotals {
  const due = items.filter((i) => i.posted).reduce((s, i) => s.plus(i.amountCny!), new Decimal(0));
  const overdue = items
    .filter((i) => i.status === 'overdue' || i.status === 'defaulted')
    .reduce((s, i) => s.plus(outstanding(i)), new Decimal(0));
  return { dueCny: cny(due), paidCny: cny(totalPaid), overdueCny: cny(overdue), balanceCny: cny(due.minus(totalPaid)) };
}
