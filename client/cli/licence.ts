// `transferflow licence …`: the licence desk through the HTTP API (TRANSFERFLOW_API_URL,
// TRANSFERFLOW_API_KEY): revenue reports, payments, the schedule with its ledger, and what
// falls due soon.
import { apiRequest as request } from './api-client';
import { table } from './format';
import { InvalidInputError } from '../issues';
import type { LicenceView } from '../../workflows/deferred-licence-definitions';

export function formatLicence(v: LicenceView): string {
  const lines = [
    `licence ${v.caseId}  ${v.stage.toUpperCase()}  (${v.eligibility.decision} under ${v.eligibility.policy.id}@${v.eligibility.policy.version})`,
    v.pending ? `  waiting for: ${v.pending.roles.join(' or ')}${v.pending.dueAt ? `, due ${v.pending.dueAt}` : ''}${v.pending.escalated ? ' (escalated)' : ''}` : '  waiting for: nobody',
    `  payment starts ${v.paymentStartsOn ?? 'at the first reported revenue'}${v.trigger ? ` (${v.trigger})` : ''}`,
    `  due ${v.ledger.dueCny}  paid ${v.ledger.paidCny}  overdue ${v.ledger.overdueCny}  balance ${v.ledger.balanceCny}${v.creditFlagged ? '  CREDIT FLAG' : ''}`,
  ];
  if (v.schedule.length) {
    lines.push('', table([['#', 'kind', 'due on', 'amount', 'paid', 'status'], ...v.schedule.map((i) => [String(i.no), i.kind, i.dueOn, i.amountCny ?? `(revenue ${i.revenueCny})`, i.paidCny, i.status])]));
  }
  lines.push('', table([['when', 'stage', 'event', 'by', 'amount', 'note'], ...v.history.map((h) => [h.at.slice(0, 16).replace('T', ' '), h.stage, h.action, `${h.actor.id} (${h.actor.role})`, h.amountCny ?? '', h.reason ?? h.reference ?? ''])]));
  return lines.join('\n');
}

interface Ledger {
  caseId: string;
  totals: LicenceView['ledger'];
  reconciled: boolean;
  schedule: LicenceView['schedule'];
  entries: Array<{ seq: number; kind: string; itemNo: number | null; amountCny: string; reference: string | null; payer: string | null; on: string }>;
}

export function formatLedger(l: Ledger): string {
  return [
    `licence ${l.caseId}: due ${l.totals.dueCny}, paid ${l.totals.paidCny}, overdue ${l.totals.overdueCny}, balance ${l.totals.balanceCny} — ${l.reconciled ? 'equals the sum of its entries' : 'NOT equal to the sum of its entries'}`,
    '',
    table([['seq', 'on', 'kind', 'item', 'amount', 'reference', 'payer'], ...l.entries.map((e) => [String(e.seq), e.on, e.kind, e.itemNo === null ? '' : String(e.itemNo), e.amountCny, e.reference ?? '', e.payer ?? ''])]),
  ].join('\n');
}

/** A CNY amount from the command line: a number with at most two decimals. */
export function amountArg(text: string): number {
  const n = Number(text);
  if (!/^\d+(\.\d{1,2})?$/.test(text) || !Number.isFinite(n)) throw new InvalidInputError([{ path: 'amountCny', message: `"${text}" is not an amount in CNY (digits, at most 2 decimals)` }]);
  return n;
}

const path = (id: string, rest: string) => `/v1/licences/${encodeURIComponent(id)}/${rest}`;

export const licenceCommands = {
  revenue: async (id: string, amountCny: number, note?: string) => (await request('POST', path(id, 'revenue'), { amountCny, note })) as LicenceView,
  pay: async (id: string, body: { amountCny: number; reference: string; payer: string }) => (await request('POST', path(id, 'payments'), body)) as LicenceView & { applied: boolean },
  ledger: async (id: string) => (await request('GET', path(id, 'ledger'))) as Ledger,
  due: async (days: number) =>
    (await request('GET', `/v1/licences/due?days=${days}`)) as { until: string; items: Array<{ caseId: string; licensee: string | null; stage: string; dueOn: string; amountCny: string | null; overdueCny: string | null }> },
};
