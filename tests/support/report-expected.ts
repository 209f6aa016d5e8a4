// The figures each report should show, worked out by the tests themselves from the rows (read with
// plain Prisma queries, summed here with exact decimals and bigint: never the reports' SQL), as
// tables of codes, text, counts and fen. The browser test (tests/browser/console-reports.browser.
// test.ts) compares them with each page, CSV and XLSX; the seed is tests/support/report-seed.ts.
import Decimal from 'decimal.js';
import type { Case, LicenceLedgerEntry, LoanCheck, Person, StepClaim } from '../../prisma/generated/client';
import type { MessageKey } from '../../client/console/messages';
import type { Cell, Column } from '../../client/console/reports/table';

/** A table as a test expects it: its column kinds and rows of codes, text, counts and fen. */
export interface Expected {
  columns: Column[];
  rows: Cell[][];
}

export const fen = (amount: Decimal.Value) => BigInt(new Decimal(amount).times(100).toFixed(0));
export const code = (prefix: string): Column => ({ title: 'report.col.kind', kind: 'code', prefix });
export const text = (title: MessageKey = 'report.col.name'): Column => ({ title, kind: 'text' });
export const count: Column = { title: 'report.col.cases', kind: 'count' };
export const money: Column = { title: 'report.col.received', kind: 'fen' };

/** Counts rows (or sums `add`) by a key made of some of their fields. */
export function tally<T>(items: T[], key: (item: T) => string[], add: (item: T) => bigint[] = () => [1n]): Cell[][] {
  const groups = new Map<string, { key: string[]; sums: bigint[] }>();
  for (const item of items) {
    const k = key(item);
    const g = groups.get(JSON.stringify(k)) ?? { key: k, sums: [] };
    add(item).forEach((v, i) => (g.sums[i] = (g.sums[i] ?? 0n) + v));
    groups.set(JSON.stringify(k), g);
  }
  return [...groups.values()].map((g) => [...g.key, ...g.sums]);
}

export const casesByKindAndStage = (cases: Case[]): Expected => ({
  columns: [code('kind.'), code('stage.'), count],
  rows: tally(cases, (c) => [c.kind, c.stage]),
});

/** Overdue: waits for someone and past its deadline, or escalated; by role, and by who claimed the step ('' nobody). */
export function overdueSteps(
  cases: Case[],
  claims: StepClaim[],
  people: Person[],
  at: Date,
): { byRole: Expected; byPerson: Expected } {
  const overdue = cases.filter((c) => c.pendingRoles.length > 0 && (c.escalated || (c.dueAt !== null && c.dueAt < at)));
  const holder = (c: Case) => claims.find((s) => s.caseId === c.id && s.stage === c.stage)?.holderId ?? '';
  return {
    byRole: {
      columns: [code('role.'), count],
      rows: tally(
        overdue.flatMap((c) => c.pendingRoles),
        (r) => [r],
      ),
    },
    byPerson: {
      columns: [{ title: 'report.col.holder', kind: 'code', prefix: 'report.holder.' }, text(), count],
      rows: tally(overdue, (c) => [holder(c), people.find((p) => p.login === holder(c))?.name ?? '']),
    },
  };
}

/** Per licensee: unpaid within 30 / 60 / 90 days of `today` (China's day), and the ledger's overdue amount. */
export function paymentsDue(licences: Case[], today: string): Expected {
  const plus = (days: number) =>
    new Date(Date.parse(`${today}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
  type Item = { dueOn: string; amountCny: string | null; paidCny: string; status: string };
  const per = new Map<string, bigint[]>();
  const names = new Map<string, string>();
  for (const l of licences) {
    const input = l.input as { licensee: { id?: string; name: string } };
    const who = input.licensee.id ?? input.licensee.name;
    names.set(who, input.licensee.name);
    const sums = per.get(who) ?? [0n, 0n, 0n, 0n];
    const view = l.view as { schedule: Item[]; ledger: { overdueCny: string } };
    for (const it of view.schedule) {
      if (!['scheduled', 'due'].includes(it.status) || it.amountCny === null) continue;
      // Fallen due but within grace (status due) is payable now; a scheduled item counts from its day.
      if (it.status === 'scheduled' && it.dueOn < today) continue;
      const left = fen(it.amountCny) - fen(it.paidCny);
      [30, 60, 90].forEach((n, i) => {
        if (it.dueOn <= plus(n)) sums[i] += left;
      });
    }
    sums[3] += fen(view.ledger.overdueCny);
    per.set(who, sums);
  }
  return {
    columns: [text(), text(), money, money, money, money],
    rows: [...per].filter(([, s]) => s[2] !== 0n || s[3] !== 0n).map(([who, s]) => [who, names.get(who)!, ...s]),
  };
}

/** Payments and guarantee claims by the first `length` characters of their day (7: month, 4: year). */
export function moneyReceived(entries: LicenceLedgerEntry[], length: number): Expected {
  return {
    columns: [text(), money, money, money],
    rows: tally(
      entries.filter((e) => e.kind === 'payment' || e.kind === 'guarantee-claim'),
      (e) => [e.on.slice(0, length)],
      (e) => [
        e.kind === 'payment' ? fen(e.amountCny) : 0n,
        e.kind === 'guarantee-claim' ? fen(e.amountCny) : 0n,
        fen(e.amountCny),
      ],
    ),
  };
}

export const grantsByStatus = (grants: Case[]): { byStatus: Expected; byPlace: Expected } => ({
  byStatus: { columns: [code('stage.'), count], rows: tally(grants, (g) => [g.stage]) },
  byPlace: { columns: [code('stage.'), text(), count], rows: tally(grants, (g) => [g.stage, g.jurisdiction ?? '']) },
});

export function loanChecks(list: LoanCheck[]): { byDecision: Expected; byPolicy: Expected; byCity: Expected } {
  const approved = (l: LoanCheck) => [1n, l.decision === 'approved' ? 1n : 0n];
  return {
    byDecision: { columns: [code('decision.'), count], rows: tally(list, (l) => [l.decision]) },
    byPolicy: {
      columns: [text(), count, count],
      rows: tally(list, (l) => [`${l.policyId}@${l.policyVersion}`], approved),
    },
    byCity: { columns: [text(), count, count], rows: tally(list, (l) => [l.jurisdiction], approved) },
  };
}

/** Each person's outcome in a determination; a review without one is pending (or declined), counted once. */
export function reviewsByOutcome(reviews: Case[]): Expected {
  const persons: Array<{ outcome: string; review: string | null }> = reviews.flatMap((r) => {
    const outcomes = (r.view as { determination: { outcomes: Array<{ outcome: string }> } | null }).determination
      ?.outcomes;
    return outcomes?.length
      ? outcomes.map((o) => ({ outcome: o.outcome, review: r.id }))
      : [{ outcome: r.stage === 'declined' ? 'declined' : 'pending', review: r.id }];
  });
  const rows = tally(persons, (p) => [p.outcome]).map(([outcome]) => {
    const mine = persons.filter((p) => p.outcome === outcome);
    const determined = !['pending', 'declined'].includes(outcome as string);
    return [outcome, determined ? BigInt(mine.length) : 0n, BigInt(new Set(mine.map((p) => p.review)).size)];
  });
  return { columns: [code('report.outcome.'), count, count], rows };
}
