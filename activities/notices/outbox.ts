// The outbox: one row per notice and recipient, written by the statement that records the case's
// step (activities/case-step-statement.ts), keyed by (case, event key, recipient). A retried
// activity, a worker crash or a replay writes the same keys again and adds nothing; the sender
// (client/notices/sender.ts) mails them.
import { createHash, randomBytes } from 'node:crypto';
import type { Prisma } from '../../prisma/generated/client';
import { config } from '../../client/config';
import type { Lang } from '../../client/console/i18n';
import { OPTIONAL_EVENTS, type NoticeAudience, type NoticeEvent } from './notice-events';
import { renderNotice } from './templates';
import type { WebhookEventData } from './webhook-outbox';

export interface Recipient {
  /** Null for a contact the case's request names (no console account: no preferences, no unsubscribe link). */
  personId: string | null;
  name: string;
  email: string;
  language: Lang;
  digest: boolean;
  muted: string[];
  /** The key of the person's unsubscribe links, once they have one (made on their first optional notice). */
  unsubscribeKey: string | null;
  /** The applicant a contact is (a determination tells them their own outcome). */
  subject?: string;
}

/** Where people's browsers reach the console: the case links in every notice start here. */
export function consoleBaseUrl(): string {
  const c = config();
  return c.console.publicUrl ?? `http://${c.api.host}:${c.api.port}`;
}

export const noticeId = (caseId: string, eventKey: string, recipient: string) =>
  createHash('sha256').update(`${caseId}\n${eventKey}\n${recipient}`).digest('hex').slice(0, 32);

/** People holding one of the audience's roles, within its scope (a licensee's or bank's own people only), with an e-mail address. */
export async function recipientsOf(tx: Prisma.TransactionClient, audience: NoticeAudience): Promise<Recipient[]> {
  // One query: the people holding one of the roles (with those roles, for the scope check below)
  // and their preferences — on every step that opens for someone, so not three.
  const people = await tx.$queryRaw<
    Array<{
      id: string;
      name: string;
      email: string;
      language: string;
      digest: boolean | null;
      muted: string[] | null;
      unsubscribeKey: string | null;
      roles: Array<{ role: string; bankIds: string[]; licenseeId: string | null }>;
    }>
  >`SELECT p."id", p."name", p."email", p."language", np."digest", np."muted", np."unsubscribeKey",
      json_agg(json_build_object('role', r."role", 'bankIds', r."bankIds", 'licenseeId', r."licenseeId")) AS "roles"
    FROM "Person" p
    JOIN "PersonRole" r ON r."personId" = p."id"
      AND r."role" IN (SELECT jsonb_array_elements_text(${JSON.stringify(audience.roles)}::jsonb))
    LEFT JOIN "NoticePreference" np ON np."personId" = p."id"
    WHERE NOT p."disabled" AND p."email" IS NOT NULL
    GROUP BY p."id", np."personId"
    ORDER BY p."login"`;
  const holders: Recipient[] = people
    .filter((p) =>
      p.roles.some(
        (g) =>
          (g.role !== 'licensee' || (audience.licenseeId !== undefined && g.licenseeId === audience.licenseeId)) &&
          (g.role !== 'bank' || (audience.bankId !== undefined && g.bankIds.includes(audience.bankId))),
      ),
    )
    .map((p) => ({
      personId: p.id,
      name: p.name,
      email: p.email,
      language: p.language === 'en' ? 'en' : 'zh',
      digest: p.digest ?? false,
      muted: p.muted ?? [],
      unsubscribeKey: p.unsubscribeKey,
    }));
  // The request's contacts, after the people: someone both is told once, as the person they are.
  const seen = new Set(holders.map((r) => r.email.toLowerCase()));
  const contacts: Recipient[] = [];
  for (const c of audience.contacts ?? []) {
    if (seen.has(c.email.toLowerCase())) continue;
    seen.add(c.email.toLowerCase());
    contacts.push({
      personId: null,
      name: c.name,
      email: c.email,
      language: c.language,
      digest: false,
      muted: [],
      unsubscribeKey: null,
      subject: c.subject,
    });
  }
  return [...holders, ...contacts];
}

/** The outbox rows of one event: one per recipient, rendered in their language. */
export async function noticeRows(
  tx: Prisma.TransactionClient,
  e: NoticeEvent,
  baseUrl = consoleBaseUrl(),
): Promise<Prisma.NoticeCreateManyInput[]> {
  const optional = OPTIONAL_EVENTS.includes(e.event);
  const link = `${baseUrl}/cases/${encodeURIComponent(e.caseId)}`;
  const rows: Prisma.NoticeCreateManyInput[] = [];
  for (const r of await recipientsOf(tx, e.audience)) {
    // An optional notice carries its recipient's unsubscribe link (a token: it works without signing in).
    const unsubscribe =
      optional && r.personId
        ? `${baseUrl}/v1/notices/unsubscribe?key=${r.unsubscribeKey ?? (await unsubscribeKey(tx, r.personId))}&event=${e.event}`
        : undefined;
    const mail = renderNotice(r.language, e, r, link, unsubscribe);
    rows.push({
      id: noticeId(e.caseId, e.eventKey, r.email),
      caseId: e.caseId,
      eventKey: e.eventKey,
      event: e.event,
      recipient: r.email,
      eventAt: new Date(e.at),
      personId: r.personId,
      language: r.language,
      ...mail,
      optional,
      // A muted optional notice is kept (the history shows it) but never sent; a digest reader's waits for the digest.
      status: optional && r.muted.includes(e.event) ? 'skipped' : optional && r.digest ? 'digest' : 'pending',
    });
  }
  return rows;
}

/** A person's unsubscribe token, made the first time they are sent an optional notice. */
async function unsubscribeKey(tx: Prisma.TransactionClient, personId: string): Promise<string> {
  const pref = await tx.noticePreference.upsert({
    where: { personId },
    update: {},
    create: { personId, unsubscribeKey: randomBytes(24).toString('base64url'), muted: [] },
  });
  return pref.unsubscribeKey;
}

/** What webhook endpoints hear of a notice event. */
export function webhookOfNotice(e: NoticeEvent): WebhookEventData {
  return {
    type: e.event,
    eventKey: e.eventKey,
    caseId: e.caseId,
    at: e.at,
    licenseeId: e.audience.licenseeId,
    data: {
      kind: e.kind,
      stage: e.stage,
      by: e.by,
      ...(e.item !== undefined ? { item: e.item, amountCny: e.amountCny, dueOn: e.dueOn } : {}),
      ...(e.endsOn !== undefined ? { endsOn: e.endsOn } : {}),
      ...(e.objected !== undefined ? { objected: e.objected } : {}),
      ...(e.outcomes !== undefined ? { outcomes: e.outcomes } : {}),
      link: `${consoleBaseUrl()}/cases/${encodeURIComponent(e.caseId)}`,
    },
  };
}
