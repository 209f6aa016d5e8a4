// The licence desk: revenue reports, payments, the schedule with its ledger, and what falls
// due soon. Revenue and payments are the licence's `act` update; the ledger is read from the
// database rows the workflow posted, checked against the workflow's own totals.
import type { FastifyInstance } from 'fastify';
import Decimal from 'decimal.js';
import { z } from 'zod';
import { actOnLicence, paymentSchema, revenueReportSchema } from '../../licences';
import { parseInput } from '../../issues';
import { addDays, chinaDate } from '../../../policies/dates';
import { LICENCE_FINAL_STAGES, type LicenceView } from '../../../workflows/deferred-licence-definitions';
import { requireCaseAccess, requireRole, type ApiContext } from '../context';
import { HttpError } from '../http-error';
import { actorOf } from '../../actor';
import { caseIdOf, currentCase } from '../case-kinds';
import { ERROR, input, type Operation } from '../operation';

export const dueQuery = z
  .object({
    days: z.coerce.number().int().min(0).max(3660).default(30),
    limit: z.coerce.number().int().min(1).max(500).default(100),
  })
  .strict();

const TAGS = ['licences'];
const NO_LICENCE = { description: 'No such licence', json: ERROR };
const NOT_NOW = { description: 'Not possible at this stage', json: ERROR };

export const LICENCE_OPERATIONS = {
  revenue: {
    method: 'post',
    path: '/v1/licences/{id}/revenue',
    tags: TAGS,
    roles: ['licensee', 'tto', 'admin'],
    action: 'report revenue',
    scope: 'case-id',
    pathParams: ['id'],
    summary: 'Report revenue from the licensed result: free use, the first-revenue trigger, or the open royalty period',
    body: {
      json: [input('RevenueReport', revenueReportSchema)],
      example: { amountCny: 250000, reference: 'LJS-REV-2027Q1' },
    },
    responses: {
      '200': {
        description:
          'The licence view; applied is false when this reference was already applied (the same reference with another amount is a 400 on reference)',
      },
      '404': NO_LICENCE,
      '409': NOT_NOW,
    },
  },
  payments: {
    method: 'post',
    path: '/v1/licences/{id}/payments',
    tags: TAGS,
    roles: ['tto', 'admin'],
    action: 'record payments',
    pathParams: ['id'],
    summary: 'Record money received; applied once per reference',
    body: {
      json: [input('Payment', paymentSchema)],
      example: { amountCny: 100000, reference: 'CCB-20270331-0042', payer: 'Liangjiang Sensors Ltd.' },
    },
    responses: {
      '201': { description: 'Applied: the licence view' },
      '200': { description: 'This reference was already applied: nothing changed' },
      '404': NO_LICENCE,
      '409': NOT_NOW,
    },
  },
  ledger: {
    method: 'get',
    path: '/v1/licences/{id}/ledger',
    tags: TAGS,
    roles: ['tto', 'admin', 'auditor', 'licensee'],
    action: 'read licence ledgers',
    scope: 'case-id',
    pathParams: ['id'],
    summary: 'Schedule, totals and every ledger entry, reconciled',
    responses: { '200': { description: 'The ledger' }, '404': NO_LICENCE },
  },
  due: {
    method: 'get',
    path: '/v1/licences/due',
    tags: TAGS,
    roles: ['tto', 'admin'],
    action: 'list payments due',
    summary: 'Licences with an unpaid amount due within N days or overdue',
    query: dueQuery,
    responses: { '200': { description: 'Licences, soonest due first' } },
  },
} satisfies Record<string, Operation>;

export function licenceRoutes(app: FastifyInstance, ctx: ApiContext): void {
  async function runningLicence(raw: string): Promise<{ caseId: string; view: LicenceView; running: boolean }> {
    const caseId = caseIdOf(raw);
    const { kind, view, running } = await currentCase(ctx, caseId);
    if (kind !== 'deferred-licence') throw new HttpError(404, 'not-found', `case ${caseId} is not a licence`);
    return { caseId, view: view as LicenceView, running };
  }

  async function act(raw: string, body: object, caller: Parameters<typeof actOnLicence>[3]) {
    const { caseId, running } = await runningLicence(raw);
    if (!running) throw new HttpError(409, 'invalid-state', `licence ${caseId} has ended`);
    return actOnLicence(ctx.temporal, caseId, body, actorOf(caller));
  }

  app.post<{ Params: { id: string } }>('/v1/licences/:id/revenue', async (request) => {
    const caller = requireRole(ctx, request, LICENCE_OPERATIONS.revenue);
    await requireCaseAccess(ctx, caller, caseIdOf(request.params.id));
    const report = parseInput(revenueReportSchema, request.body);
    const before = report.reference === undefined ? undefined : await runningLicence(request.params.id);
    const known = before?.view.revenueReports?.some((r) => r.reference === report.reference) ?? false;
    const view = await act(
      request.params.id,
      { action: 'report-revenue', amountCny: report.amountCny, reference: report.reference, reason: report.note },
      caller,
    );
    return { ...view, applied: !known };
  });

  /** 201 when the payment is new, 200 when this reference was already applied (nothing changes). */
  app.post<{ Params: { id: string } }>('/v1/licences/:id/payments', async (request, reply) => {
    const caller = requireRole(ctx, request, LICENCE_OPERATIONS.payments);
    const payment = parseInput(paymentSchema, request.body);
    const before = await runningLicence(request.params.id);
    const known = before.view.payments.some((p) => p.reference === payment.reference);
    const view = await act(request.params.id, { action: 'record-payment', ...payment }, caller);
    return reply.code(known ? 200 : 201).send({ ...view, applied: !known });
  });

  app.get<{ Params: { id: string } }>('/v1/licences/:id/ledger', async (request) => {
    const caller = requireRole(ctx, request, LICENCE_OPERATIONS.ledger);
    await requireCaseAccess(ctx, caller, caseIdOf(request.params.id));
    const { caseId, view } = await runningLicence(request.params.id);
    const rows = await ctx.prisma.licenceLedgerEntry.findMany({ where: { caseId }, orderBy: { seq: 'asc' } });
    const sum = (kind: string) =>
      rows.filter((r) => r.kind === kind).reduce((s, r) => s.plus(r.amountCny.toString()), new Decimal(0));
    const fromEntries = {
      dueCny: sum('due').toFixed(2),
      paidCny: sum('payment').toFixed(2),
      balanceCny: sum('due').minus(sum('payment')).toFixed(2),
    };
    return {
      caseId,
      stage: view.stage,
      paymentStartsOn: view.paymentStartsOn,
      trigger: view.trigger,
      schedule: view.schedule,
      totals: view.ledger,
      entries: rows.map((r) => ({
        seq: Number(r.seq),
        kind: r.kind,
        itemNo: r.itemNo,
        amountCny: r.amountCny.toFixed(2),
        reference: r.reference,
        payer: r.payer,
        on: r.on,
        recordedBy: r.actorId,
      })),
      /** The workflow's totals agree with the sum of the posted entries (false only while a step is being saved). */
      reconciled:
        fromEntries.dueCny === view.ledger.dueCny &&
        fromEntries.paidCny === view.ledger.paidCny &&
        fromEntries.balanceCny === view.ledger.balanceCny,
      fromEntries,
      creditFlagged: view.creditFlagged,
      guaranteeClaims: view.guaranteeClaims,
    };
  });

  /** Licences with an unpaid amount due within the next N days (or already overdue), soonest first. */
  app.get('/v1/licences/due', async (request) => {
    requireRole(ctx, request, LICENCE_OPERATIONS.due);
    const q = parseInput(dueQuery, request.query);
    const until = addDays(chinaDate(Date.now()), q.days);
    const rows = await ctx.prisma.case.findMany({
      where: { kind: 'deferred-licence', nextPaymentOn: { lte: until }, stage: { notIn: [...LICENCE_FINAL_STAGES] } },
      orderBy: [{ nextPaymentOn: 'asc' }, { id: 'asc' }],
      take: q.limit,
    });
    return {
      until,
      items: rows.map((r) => {
        const v = r.view as unknown as LicenceView;
        return {
          caseId: r.id,
          licensee: (r.input as { licensee?: { name?: string } }).licensee?.name ?? null,
          stage: r.stage,
          dueOn: r.nextPaymentOn,
          amountCny: r.nextPaymentCny?.toFixed(2) ?? null,
          balanceCny: v.ledger?.balanceCny ?? null,
          overdueCny: v.ledger?.overdueCny ?? null,
        };
      }),
    };
  });
}
