// A case's step written as one statement (activities/case-step-statement.ts) leaves exactly the rows
// Prisma's own writes leave — snapshot, audit event, notices, webhook deliveries, column by column —
// on both databases, alone or in a transaction with the kind's own rows; a repeat writes nothing, an
// older snapshot never overwrites a newer one, and a newer one replaces the step's state but never
// the case's identity.
import { persistCaseStep, type CaseStep } from '../../activities/case-snapshot';
import { packRef, packsFor } from '../../policies/registry';
import { contentHash } from '../../policies/canonical-json';
import { appendAuditEvent, caseStepEvent } from '../../activities/audit-log';
import { noticeRows, webhookOfNotice } from '../../activities/notices/outbox';
import { noticeEvents } from '../../activities/notices/notice-events';
import { enqueueWebhooks } from '../../activities/notices/webhook-outbox';
import { openTestDatabase, type DatabaseKind, type TestDatabase } from '../support/test-db';

const POLICY = packRef(packsFor('deferred-licence')[0]);

function step(caseId: string, version: number, over: { stage?: string; dueAt?: string; withEntry?: boolean } = {}) {
  const stage = over.stage ?? 'contract';
  const view = {
    caseId,
    kind: 'deferred-licence',
    stage,
    pending: { stage, roles: ['tto', 'licensee'], dueAt: over.dueAt ?? '2026-12-10T16:00:00.000Z', escalated: false },
    amounts: ['1200.50', '0.01'],
  };
  const s: CaseStep = {
    identity: {
      caseId,
      kind: 'deferred-licence',
      workflowId: `deferred-licence/${caseId}`,
      jurisdiction: null,
      policy: POLICY,
      eligibility: 'eligible',
      request: { licensee: { id: 'L1', name: '某科技有限公司' }, amountCny: '12000.00' },
      openedBy: { id: 'tto-1', role: 'tto' },
    },
    version,
    view,
    nextPayment: { on: '2027-01-10', amountCny: '1200.50' },
    ...(over.withEntry === false
      ? {}
      : {
          entry: {
            step: version,
            record: {
              stage,
              action: 'evaluated',
              actor: { id: 'tto-1', role: 'tto' },
              reason: 'eligible',
              at: '2026-11-23T08:09:10.123Z',
              policy: `${POLICY.id}@${POLICY.version}`,
            },
          },
          audit: { amountCny: null, item: null, postings: [], balanceCny: '0.00' },
        }),
  };
  return s;
}

/** Rows of both tables that name the case, with the case id written as <id> so two cases compare. */
async function rowsOf(db: TestDatabase, caseId: string) {
  const workflowId = `deferred-licence/${caseId}`;
  const [cases, events, notices, hooks] = await Promise.all([
    db.prisma.case.findMany({ where: { id: caseId } }),
    db.prisma.auditEvent.findMany({ where: { caseId: workflowId }, orderBy: { eventKey: 'asc' } }),
    db.prisma.notice.findMany({ where: { caseId }, orderBy: { recipient: 'asc' } }),
    db.prisma.webhookDelivery.findMany({ where: { caseId }, orderBy: { endpointId: 'asc' } }),
  ]);
  const strip = <T extends Record<string, unknown>>(rows: T[], drop: string[]) =>
    rows.map((r) => Object.fromEntries(Object.entries(r).filter(([k]) => !drop.includes(k))));
  const text = JSON.stringify({
    cases: cases.map((c) => ({ ...c, nextPaymentCny: c.nextPaymentCny?.toString() })),
    events: strip(events, ['seq']),
    // Ids are hashes of the case id; the creation time is the database's clock.
    notices: strip(notices, ['id', 'createdAt', 'nextAttemptAt']),
    hooks: strip(hooks, ['id', 'createdAt', 'nextAttemptAt']),
  });
  return JSON.parse(text.split(caseId).join('<id>'));
}

const counts = async (db: TestDatabase) => [
  await db.prisma.case.count(),
  await db.prisma.auditEvent.count(),
  await db.prisma.notice.count(),
  await db.prisma.webhookDelivery.count(),
];

describe.each<DatabaseKind>(['pglite', 'postgres'])('on %s', (kind) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await openTestDatabase(kind);
    await db.prisma.person.create({
      data: {
        id: 'p-office',
        login: 'office',
        name: '王芳',
        email: 'office@example.edu.cn',
        roles: { create: [{ role: 'tto', bankIds: [] }] },
      },
    });
    await db.prisma.person.create({
      data: {
        id: 'p-licensee',
        login: 'licensee',
        name: 'Li Lei',
        email: 'li@example.com',
        language: 'en',
        roles: { create: [{ role: 'licensee', bankIds: [], licenseeId: 'L1' }] },
      },
    });
    await db.prisma.webhookEndpoint.createMany({
      data: [
        { id: 'ep-office', ownerId: 'tto-1', role: 'tto', bankIds: [], url: 'https://h.example/o', secret: 's' },
        {
          id: 'ep-l1',
          ownerId: 'lic-1',
          role: 'licensee',
          bankIds: [],
          licenseeId: 'L1',
          url: 'https://h.example/l',
          secret: 's',
        },
      ].map((e) => ({ ...e, events: ['case.step-waiting'] })),
    });
  });
  afterAll(() => db.destroy());

  test('one statement writes what Prisma writes, column by column, with or without a transaction', async () => {
    await persistCaseStep(db.prisma, step('one-statement', 1));
    // A kind's own rows take the transaction: the same step through it, for another case.
    await persistCaseStep(db.prisma, { ...step('transaction', 1), alongside: async () => undefined });
    const one = await rowsOf(db, 'one-statement');
    expect(one.cases).toHaveLength(1);
    expect(one.events).toHaveLength(1);
    // The step-waiting notice: the office's person (a licensee hears of licence events only), with
    // an unsubscribe link (the key made as the notice was written); the office's endpoint.
    expect(one.notices.map((n: { recipient: string }) => n.recipient)).toEqual(['office@example.edu.cn']);
    expect(one.notices[0].text).toContain('/v1/notices/unsubscribe?key=');
    expect(one.hooks.map((h: { endpointId: string }) => h.endpointId)).toEqual(['ep-office']);
    expect(one).toEqual(await rowsOf(db, 'transaction'));
    // The same step written by Prisma's own calls: the rows the statement wrote are these.
    const reference = step('prisma', 1);
    const { identity, view, version, nextPayment } = reference;
    const at = '2026-11-23T08:09:10.123Z';
    await db.prisma.case.create({
      data: {
        id: identity.caseId,
        kind: identity.kind,
        workflowId: identity.workflowId,
        jurisdiction: identity.jurisdiction,
        policyId: identity.policy.id,
        policyVersion: identity.policy.version,
        policyHash: identity.policy.hash,
        eligibility: identity.eligibility,
        requestHash: contentHash(identity.request),
        input: identity.request,
        openedBy: identity.openedBy.id,
        stage: view.stage,
        pendingRoles: view.pending!.roles,
        dueAt: new Date(view.pending!.dueAt!),
        escalated: false,
        view,
        version,
        nextPaymentOn: nextPayment!.on,
        nextPaymentCny: nextPayment!.amountCny,
        createdAt: new Date(at),
        updatedAt: new Date(at),
      },
    });
    const { entry } = reference;
    await appendAuditEvent(
      db.prisma,
      caseStepEvent(identity.kind, identity.workflowId, entry!.step, entry!.record, view.stage, reference.audit),
    );
    const events = noticeEvents({ ...identity, view: view as never, entry, at });
    for (const e of events) {
      await db.prisma.notice.createMany({ data: await noticeRows(db.prisma, e) });
      await enqueueWebhooks(db.prisma, webhookOfNotice(e));
    }
    expect(one).toEqual(await rowsOf(db, 'prisma'));
  });

  test('a repeat writes nothing; an older snapshot never overwrites; a newer replaces the state only', async () => {
    const first = step('versions', 3);
    await persistCaseStep(db.prisma, first);
    const before = await counts(db);
    await persistCaseStep(db.prisma, first);
    expect(await counts(db)).toEqual(before);

    await persistCaseStep(db.prisma, step('versions', 2, { stage: 'stale', withEntry: false }));
    expect((await db.prisma.case.findUniqueOrThrow({ where: { id: 'versions' } })).stage).toBe('contract');

    const created = await db.prisma.case.findUniqueOrThrow({ where: { id: 'versions' } });
    const newer = step('versions', 4, { stage: 'registration', withEntry: false });
    newer.identity = { ...newer.identity, request: { changed: true }, policy: { ...POLICY, id: 'other' } };
    await persistCaseStep(db.prisma, newer);
    const row = await db.prisma.case.findUniqueOrThrow({ where: { id: 'versions' } });
    expect(row).toMatchObject({ stage: 'registration', version: 4, pendingRoles: ['tto', 'licensee'] });
    expect(row.dueAt?.toISOString()).toBe('2026-12-10T16:00:00.000Z');
    expect((row.view as { stage: string }).stage).toBe('registration');
    // The identity stays as the first step wrote it.
    expect({ input: row.input, policyId: row.policyId, createdAt: row.createdAt }).toEqual({
      input: created.input,
      policyId: created.policyId,
      createdAt: created.createdAt,
    });
  });
});
