// `transferflow licence …`: the licence desk through the HTTP API (TRANSFERFLOW_API_URL,
// TRANSFERFLOW_API_KEY): revenue reports, payments, the schedule with its ledger, and what
// falls due soon.
import { apiRequest as request } from './api-client';
import { table } from './format';
import { InvalidInputError } from '../issues';
import type { LicenceView } from '../../workflows/deferred-licence-definitions';
import type { Command } from 'commander';
import { print } from './io';

export function formatLicence(v: LicenceView): string {
  const lines = [
    `licence ${v.caseId}  ${v.stage.toUpperCase()}  (${v.eligibility.decision} under ${v.eligibility.policy.id}@${v.eligibility.policy.version})`,
    v.pending
      ? `  waiting for: ${v.pending.roles.join(' or ')}${v.pending.dueAt ? `, due ${v.pending.dueAt}` : ''}${v.pending.escalated ? ' (escalated)' : ''}`
      : '  waiting for: nobody',
    `  payment starts ${v.paymentStartsOn ?? 'at the first reported revenue'}${v.trigger ? ` (${v.trigger})` : ''}`,
    `  due ${v.ledger.dueCny}  paid ${v.ledger.paidCny}  overdue ${v.ledger.overdueCny}  balance ${v.ledger.balanceCny}${v.creditFlagged ? '  CREDIT FLAG' : ''}`,
  ];
  if (v.schedule.length) {
    lines.push(
      '',
      table([
        ['#', 'kind', 'due on', 'amount', 'paid', 'status'],
        ...v.schedule.map((i) => [
          String(i.no),
          i.kind,
          i.dueOn,
          i.amountCny ?? `(revenue ${i.revenueCny})`,
          i.paidCny,
          i.status,
        ]),
      ]),
    );
  }
  lines.push(
    '',
    table([
      ['when', 'stage', 'event', 'by', 'amount', 'note'],
      ...v.history.map((h) => [
        h.at.slice(0, 16).replace('T', ' '),
        h.stage,
        h.action,
        `${h.actor.id} (${h.actor.role})`,
        h.amountCny ?? '',
        h.reason ?? h.reference ?? '',
      ]),
    ]),
  );
  return lines.join('\n');
}

interface Ledger {
  caseId: string;
  totals: LicenceView['ledger'];
  reconciled: boolean;
  schedule: LicenceView['schedule'];
  entries: Array<{
    seq: number;
    kind: string;
    itemNo: number | null;
    amountCny: string;
    reference: string | null;
    payer: string | null;
    on: string;
  }>;
}

export function formatLedger(l: Ledger): string {
  return [
    `licence ${l.caseId}: due ${l.totals.dueCny}, paid ${l.totals.paidCny}, overdue ${l.totals.overdueCny}, balance ${l.totals.balanceCny} — ${l.reconciled ? 'equals the sum of its entries' : 'NOT equal to the sum of its entries'}`,
    '',
    table([
      ['seq', 'on', 'kind', 'item', 'amount', 'reference', 'payer'],
      ...l.entries.map((e) => [
        String(e.seq),
        e.on,
        e.kind,
        e.itemNo === null ? '' : String(e.itemNo),
        e.amountCny,
        e.reference ?? '',
        e.payer ?? '',
      ]),
    ]),
  ].join('\n');
}

/** A CNY amount from the command line: a number with at most two decimals. */
export function amountArg(text: string): number {
  const n = Number(text);
  if (!/^\d+(\.\d{1,2})?$/.test(text) || !Number.isFinite(n))
    throw new InvalidInputError([
      { path: 'amountCny', message: `"${text}" is not an amount in CNY (digits, at most 2 decimals)` },
    ]);
  return n;
}

const path = (id: string, rest: string) => `/v1/licences/${encodeURIComponent(id)}/${rest}`;

export const licenceCommands = {
  revenue: async (id: string, amountCny: number, note?: string, reference?: string) =>
    (await request('POST', path(id, 'revenue'), { amountCny, note, reference })) as LicenceView & { applied: boolean },
  pay: async (id: string, body: { amountCny: number; reference: string; payer: string }) =>
    (await request('POST', path(id, 'payments'), body)) as LicenceView & { applied: boolean },
  ledger: async (id: string) => (await request('GET', path(id, 'ledger'))) as Ledger,
  due: async (days: number) =>
    (await request('GET', `/v1/licences/due?days=${days}`)) as {
      until: string;
      items: Array<{
        caseId: string;
        licensee: string | null;
        stage: string;
        dueOn: string;
        amountCny: string | null;
        overdueCny: string | null;
      }>;
    },
};

/** `transferflow licence revenue|pay|ledger|due`. */
export function registerLicenceCommands(cli: Command): void {
  const licence = cli
    .command('licence')
    .description('use-first-pay-later licences: revenue, payments, ledger, payments due (through the API)');
  licence
    .command('revenue <caseId> <amountCny>')
    .description('report revenue from the licensed result (licensee, tto, admin)')
    .option('--note <text>', 'what the revenue is')
    .option('--reference <ref>', 'the report number: the same --reference is applied once (a retry is safe)')
    .option('--json', 'JSON output')
    .action(async (caseId: string, amount: string, opts: { note?: string; reference?: string; json?: boolean }) => {
      const view = await licenceCommands.revenue(caseId, amountArg(amount), opts.note, opts.reference);
      print(view, Boolean(opts.json), () =>
        view.applied
          ? formatLicence(view)
          : `already applied earlier (reference ${opts.reference}): nothing changed\n${formatLicence(view)}`,
      );
    });
  licence
    .command('pay <caseId> <amountCny>')
    .description('record money received (tto, admin); the same --reference is applied once')
    .requiredOption('--reference <ref>', 'bank or receipt reference')
    .requiredOption('--payer <name>', 'who paid (the licensee, or the insurer after a claim)')
    .option('--json', 'JSON output')
    .action(async (caseId: string, amount: string, opts: { reference: string; payer: string; json?: boolean }) => {
      const view = await licenceCommands.pay(caseId, {
        amountCny: amountArg(amount),
        reference: opts.reference,
        payer: opts.payer,
      });
      print(
        view,
        Boolean(opts.json),
        () =>
          `${view.applied ? 'applied' : `already applied earlier (reference ${opts.reference}): nothing changed`}\n${formatLicence(view)}`,
      );
    });
  licence
    .command('ledger <caseId>')
    .description('schedule, totals and every ledger entry, reconciled')
    .option('--json', 'JSON output')
    .action(async (caseId: string, opts: { json?: boolean }) => {
      const ledger = await licenceCommands.ledger(caseId);
      print(ledger, Boolean(opts.json), () => formatLedger(ledger));
    });
  licence
    .command('due')
    .description('licences with an unpaid amount due within --days days, or overdue')
    .option('--days <n>', 'look ahead this many days', '30')
    .option('--json', 'JSON output')
    .action(async (opts: { days: string; json?: boolean }) => {
      const due = await licenceCommands.due(Number(opts.days));
      print(
        due,
        Boolean(opts.json),
        () =>
          `due by ${due.until}:\n${table([['licence', 'licensee', 'stage', 'due on', 'amount', 'overdue'], ...due.items.map((d) => [d.caseId, d.licensee ?? '', d.stage, d.dueOn, d.amountCny ?? '', d.overdueCny ?? ''])])}`,
      );
    });
}
