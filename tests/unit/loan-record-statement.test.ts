// The loan check's one-statement record and the webhook outbox's INSERT…SELECT, on both databases
// the product runs on: who hears of an event (owner scoping, subscriptions, disabled endpoints),
// that the ids SQL computes are the webhook-ids deliveryId() defines, and that a repeated record
// writes nothing — no second check, audit event or delivery — and answers the first decision.
import { createMaLoanActivities } from '../../activities/ma-loan-activities';
import { deliveryId, enqueueWebhooks } from '../../activities/notices/webhook-outbox';
import { contentHash } from '../../policies/canonical-json';
import { decideMaLoan } from '../../policies/ma-loan/decide';
import { maLoanWorkflowId } from '../../workflows/ma-loan-definitions';
import { loanRequest } from '../support/loan-fixtures';
import { openTestDatabase, type DatabaseKind, type TestDatabase } from '../support/test-db';

const ENDPOINTS = [
  {
    id: 'ep-office',
    ownerId: 'tto-1',
    role: 'tto',
    bankIds: [],
    licenseeId: null,
    events: ['loan-check.decided', 'licence.overdue'],
  },
  {
    id: 'ep-bank-a',
    ownerId: 'key-a',
    role: 'bank',
    bankIds: ['bank-a'],
    licenseeId: null,
    events: ['loan-check.decided'],
  },
  {
    id: 'ep-bank-b',
    ownerId: 'key-b',
    role: 'bank',
    bankIds: ['bank-b', 'bank-c'],
    licenseeId: null,
    events: ['loan-check.decided'],
  },
  {
    id: 'ep-bank-a-muted',
    ownerId: 'key-a',
    role: 'bank',
    bankIds: ['bank-a'],
    licenseeId: null,
    events: ['licence.overdue'],
  },
  { id: 'ep-lic-1', ownerId: 'lic-1', role: 'licensee', bankIds: [], licenseeId: 'L1', events: ['licence.overdue'] },
  { id: 'ep-lic-2', ownerId: 'lic-2', role: 'licensee', bankIds: [], licenseeId: 'L2', events: ['licence.overdue'] },
  {
    id: 'ep-off',
    ownerId: 'tto-1',
    role: 'tto',
    bankIds: [],
    licenseeId: null,
    events: ['licence.overdue'],
    disabled: true,
  },
];

describe.each<DatabaseKind>(['pglite', 'postgres'])('on %s', (kind) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await openTestDatabase(kind);
    await db.prisma.webhookEndpoint.createMany({
      data: ENDPOINTS.map((e) => ({ url: `https://hooks.example/${e.id}`, secret: 'sealed', ...e })),
    });
  });
  afterAll(() => db.destroy());

  test('an event reaches the enabled, subscribed endpoints its owner may see, each under its webhook-id', async () => {
    const event = {
      type: 'licence.overdue',
      eventKey: 'overdue:2',
      caseId: 'licence/L1/x',
      at: '2026-11-23T01:02:03.004Z',
    };
    const n = await enqueueWebhooks(db.prisma, { ...event, licenseeId: 'L1', data: { item: 2 } });
    expect(n).toBe(2);
    const rows = await db.prisma.webhookDelivery.findMany({
      where: { caseId: event.caseId },
      orderBy: { endpointId: 'asc' },
    });
    expect(rows.map((r) => r.endpointId)).toEqual(['ep-lic-1', 'ep-office']);
    for (const r of rows) {
      expect(r.id).toBe(deliveryId(r.endpointId, event.caseId, event.eventKey));
      expect(r.eventKey).toBe(`${event.caseId}#${event.eventKey}`);
      expect(r.status).toBe('pending');
      expect(JSON.parse(r.body)).toEqual({
        type: event.type,
        timestamp: event.at,
        data: { caseId: event.caseId, item: 2 },
      });
    }
    // The same event again (a retried step) writes nothing.
    expect(await enqueueWebhooks(db.prisma, { ...event, licenseeId: 'L1', data: { item: 2 } })).toBe(0);
    // An event with no licensee reaches the office only.
    const ownerless = { ...event, caseId: 'grant/x', data: {} };
    expect(await enqueueWebhooks(db.prisma, ownerless)).toBe(1);
  });

  test('a decision is recorded once with its audit event and its bank’s deliveries; a repeat answers the first', async () => {
    const { recordLoanDecision } = createMaLoanActivities({ prisma: db.prisma });
    const request = loanRequest({ requestId: `rec-${kind}`, bank: { id: 'bank-b' } });
    const workflowId = maLoanWorkflowId(request.bank.id, request.requestId);
    const decision = decideMaLoan(request, '2026-06-01');
    const input = {
      workflowId,
      request,
      requestHash: contentHash(request),
      decision,
      submittedBy: { id: 'key-b', role: 'bank' as const },
      decidedAt: '2026-06-01T02:03:04.005Z',
    };
    const first = await recordLoanDecision(input);
    expect(first).toMatchObject({ decision: decision.decision, bankId: 'bank-b', recordedAt: input.decidedAt });
    const row = await db.prisma.loanCheck.findUniqueOrThrow({ where: { workflowId } });
    expect(row.result).toEqual(JSON.parse(JSON.stringify(decision)));
    expect(row.request).toEqual(JSON.parse(JSON.stringify(request)));
    expect(row.createdAt.toISOString()).toBe(input.decidedAt);
    const events = await db.prisma.auditEvent.findMany({ where: { caseId: workflowId } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ eventKey: `${workflowId}#decided`, action: 'ma-loan.decided', actorId: 'key-b' });
    expect(events[0].at.toISOString()).toBe(input.decidedAt);
    expect(events[0].payloadHash).toBe(contentHash(events[0].payload));
    const deliveries = await db.prisma.webhookDelivery.findMany({ where: { caseId: row.id } });
    expect(deliveries.map((d) => d.endpointId).sort()).toEqual(['ep-bank-b', 'ep-office']);

    // A retry, or a rerun with a later clock: the first record stands and nothing is added.
    const again = await recordLoanDecision({ ...input, decidedAt: '2026-06-02T00:00:00.000Z' });
    expect(again.recordedAt).toBe(input.decidedAt);
    expect(await db.prisma.loanCheck.count({ where: { workflowId } })).toBe(1);
    expect(await db.prisma.auditEvent.count({ where: { caseId: workflowId } })).toBe(1);
    expect(await db.prisma.webhookDelivery.count({ where: { caseId: row.id } })).toBe(2);
  });
});
