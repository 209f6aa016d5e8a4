// "Rewards paid" (已发放奖励): every reward payment the distribution ledger records, by person and
// by case, for a period (payment dates from–to). Read from the ledger rows themselves, so each
// total is the ledger's own sum (exact decimals, never floats); the office, its administrator and
// the auditor see it, as they see the reward cases.
import type { FastifyInstance } from 'fastify';
import Decimal from 'decimal.js';
import type { PrismaClient } from '../../../prisma/generated/client';
import type { ConsoleContext } from '../context';
import { html, type Html } from '../html';
import { formatMoney, t } from '../i18n';
import { REWARD_ROUTES } from '../routes';
import { serve } from '../serve';
import { requirePerson, type ConsoleView } from '../session';
import { isIsoDate } from '../../../policies/dates';
import { casesPage, when } from './frame';
import { rewardLedgerLink } from '../documents/links';

export interface PaidRow {
  caseId: string;
  personId: string;
  amountCny: string;
  reference: string | null;
  on: string;
}

export interface RewardsPaid {
  from: string | null;
  to: string | null;
  rows: PaidRow[];
  byPerson: Array<{ personId: string; count: number; totalCny: string }>;
  byCase: Array<{ caseId: string; count: number; totalCny: string }>;
  /** By the year paid, then person (the tax year the payroll counts it in). */
  byYear: Array<{ year: string; personId: string; count: number; totalCny: string }>;
  totalCny: string;
}

function grouped<K extends 'personId' | 'caseId'>(rows: PaidRow[], key: K) {
  const sums = new Map<string, { count: number; total: Decimal }>();
  for (const r of rows) {
    const s = sums.get(r[key]) ?? { count: 0, total: new Decimal(0) };
    sums.set(r[key], { count: s.count + 1, total: s.total.plus(r.amountCny) });
  }
  return [...sums.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(
      ([k, s]) =>
        ({ [key]: k, count: s.count, totalCny: s.total.toFixed(2) }) as Record<K, string> & {
          count: number;
          totalCny: string;
        },
    );
}

/** The cash payments of reward cases paid on from ≤ date < to (either bound may be absent). */
export async function loadRewardsPaid(
  prisma: PrismaClient,
  from: string | null,
  to: string | null,
): Promise<RewardsPaid> {
  const entries = await prisma.rewardLedgerEntry.findMany({
    where: {
      kind: 'payment',
      amountCny: { not: null },
      on: { ...(from ? { gte: from } : {}), ...(to ? { lt: to } : {}) },
    },
    orderBy: [{ on: 'asc' }, { seq: 'asc' }],
  });
  const rows = entries.map((e) => ({
    caseId: e.caseId,
    personId: e.personId ?? '',
    amountCny: e.amountCny!.toFixed(2),
    reference: e.reference,
    on: e.on,
  }));
  return {
    from,
    to,
    rows,
    byPerson: grouped(rows, 'personId'),
    byCase: grouped(rows, 'caseId'),
    // Grouped on a composite key (year, person) carried in the case field, split again after.
    byYear: grouped(
      rows.map((r) => ({ ...r, caseId: `${r.on.slice(0, 4)}\u0000${r.personId}` })),
      'caseId',
    ).map((g) => {
      const [year, personId] = g.caseId.split('\u0000');
      return { year, personId, count: g.count, totalCny: g.totalCny };
    }),
    totalCny: rows.reduce((s, r) => s.plus(r.amountCny), new Decimal(0)).toFixed(2),
  };
}

export function renderRewardsPaid(view: ConsoleView, paid: RewardsPaid, badDate = false): Html {
  const { lang } = view;
  const total = (label: string, value: string) =>
    html`<tfoot>
      <tr>
        <th scope="row">${label}</th>
        <td>${paid.rows.length}</td>
        <td><strong>${formatMoney(value)}</strong></td>
      </tr>
    </tfoot>`;
  return casesPage(view, {
    title: t(lang, 'paid.title'),
    nav: REWARD_ROUTES.rewardsPaid.path,
    body: html`<p>${t(lang, 'paid.intro')}</p>
      ${rewardLedgerLink(view)}
      ${badDate ? html`<p class="notice error" role="alert">${t(lang, 'paid.badDate')}</p>` : ''}
      <form method="get" action="${REWARD_ROUTES.rewardsPaid.path}" class="filter">
        <label>${t(lang, 'paid.from')} <input type="date" name="from" value="${paid.from ?? ''}" /></label>
        <label>${t(lang, 'paid.to')} <input type="date" name="to" value="${paid.to ?? ''}" /></label>
        <button type="submit">${t(lang, 'paid.filter')}</button>
      </form>
      ${
        paid.rows.length === 0
          ? html`<p id="paid-none">${t(lang, 'paid.none')}</p>`
          : html`<section aria-labelledby="h-by-person">
                <h2 id="h-by-person">${t(lang, 'paid.byPerson')}</h2>
                <table id="paid-by-person">
                  <thead>
                    <tr>
                      <th scope="col">${t(lang, 'paid.person')}</th>
                      <th scope="col">${t(lang, 'paid.count')}</th>
                      <th scope="col">${t(lang, 'paid.total')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    ${paid.byPerson.map(
                      (p) =>
                        html`<tr>
                          <th scope="row">${p.personId}</th>
                          <td>${p.count}</td>
                          <td>${formatMoney(p.totalCny)}</td>
                        </tr>`,
                    )}
                  </tbody>
                  ${total(t(lang, 'paid.total'), paid.totalCny)}
                </table>
              </section>
              <section aria-labelledby="h-by-year">
                <h2 id="h-by-year">${t(lang, 'paid.byYear')}</h2>
                <table id="paid-by-year">
                  <thead>
                    <tr>
                      <th scope="col">${t(lang, 'paid.year')}</th>
                      <th scope="col">${t(lang, 'paid.person')}</th>
                      <th scope="col">${t(lang, 'paid.count')}</th>
                      <th scope="col">${t(lang, 'paid.total')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    ${paid.byYear.map(
                      (y) =>
                        html`<tr>
                          <th scope="row">${y.year}</th>
                          <td>${y.personId}</td>
                          <td>${y.count}</td>
                          <td>${formatMoney(y.totalCny)}</td>
                        </tr>`,
                    )}
                  </tbody>
                </table>
              </section>
              <section aria-labelledby="h-by-case">
                <h2 id="h-by-case">${t(lang, 'paid.byCase')}</h2>
                <table id="paid-by-case">
                  <thead>
                    <tr>
                      <th scope="col">${t(lang, 'paid.case')}</th>
                      <th scope="col">${t(lang, 'paid.count')}</th>
                      <th scope="col">${t(lang, 'paid.total')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    ${paid.byCase.map(
                      (c) =>
                        html`<tr>
                          <th scope="row"><a href="/cases/${encodeURIComponent(c.caseId)}">${c.caseId}</a></th>
                          <td>${c.count}</td>
                          <td>${formatMoney(c.totalCny)}</td>
                        </tr>`,
                    )}
                  </tbody>
                  ${total(t(lang, 'paid.total'), paid.totalCny)}
                </table>
              </section>
              <section aria-labelledby="h-paid-rows">
                <h2 id="h-paid-rows">${t(lang, 'paid.rows')}</h2>
                <table id="paid-rows">
                  <thead>
                    <tr>
                      <th scope="col">${t(lang, 'case.when')}</th>
                      <th scope="col">${t(lang, 'paid.person')}</th>
                      <th scope="col">${t(lang, 'paid.case')}</th>
                      <th scope="col">${t(lang, 'reward.amount')}</th>
                      <th scope="col">${t(lang, 'reward.payroll')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    ${paid.rows.map(
                      (r) =>
                        html`<tr>
                          <td>${when(lang, r.on)}</td>
                          <td>${r.personId}</td>
                          <td>${r.caseId}</td>
                          <td>${formatMoney(r.amountCny)}</td>
                          <td>${r.reference ?? ''}</td>
                        </tr>`,
                    )}
                  </tbody>
                </table>
              </section>`
      }`,
  });
}

export function rewardsPaidRoutes(scope: FastifyInstance, ctx: ConsoleContext): void {
  serve(scope, REWARD_ROUTES.rewardsPaid, async (request, reply) => {
    const view = requirePerson(request);
    const q = request.query as { from?: unknown; to?: unknown };
    const date = (v: unknown) => (typeof v === 'string' && v !== '' ? v : null);
    const [from, to] = [date(q.from), date(q.to)];
    // A malformed date filters nothing: the page says so (400) rather than guessing a period.
    const bad = [from, to].some((d) => d !== null && !isIsoDate(d));
    if (bad) void reply.code(400);
    return renderRewardsPaid(view, await loadRewardsPaid(ctx.prisma, bad ? null : from, bad ? null : to), bad);
  });
}
