// What a case's step tells people: decided from the step the workflow records (the workflow knows
// the moment; this maps it to notices), so a notice is written in the same transaction as the
// step's audit event and shares its exactly-once key. Pure: the tests call it with real views.
import { addDays } from '../../policies/dates';
import { getPack } from '../../policies/registry';
import type { PolicyRef } from '../../policies/types';
import type { DeferredLicenceParameters } from '../../policies/deferred-licence/parameters';
import { graceFrom } from '../../workflows/deferred-licence-rules';
import { determinationEvents, publicityEvents } from './contact-events';

export const NOTICE_EVENTS = [
  'case.step-waiting',
  'case.step-reminder',
  'case.escalated',
  'licence.reminder',
  'licence.payment-due',
  'licence.overdue',
  'licence.defaulted',
  'licence.credit-flag-lifted',
  'grant.publicity-started',
  'grant.publicity-ended',
  'review.determined',
] as const;
export type NoticeEventName = (typeof NOTICE_EVENTS)[number];

/** The notices a person may turn off; default and payment notices cannot be (issue 14 item 3). */
export const OPTIONAL_EVENTS: readonly NoticeEventName[] = [
  'case.step-waiting',
  'case.step-reminder',
  'licence.reminder',
];

/** Someone the case's request names, told without a console account (a publicity contact, an applicant). */
export interface NoticeContact {
  name: string;
  email: string;
  language: 'zh' | 'en';
  /** The applicant this contact is (a determination tells them their own outcome). */
  subject?: string;
}

/**
 * Who a notice goes to: holders of these roles (scoped to the case's licensee or bank where the
 * role is scoped), and the contacts the case's request names.
 */
export interface NoticeAudience {
  roles: string[];
  contacts?: NoticeContact[];
  /** The licensee organisation a licensee-role holder must act for. */
  licenseeId?: string;
  /** The bank a bank-role holder must act for. */
  bankId?: string;
}

/** One event worth telling, with everything its templates need. */
export interface NoticeEvent {
  event: NoticeEventName;
  /** Unique within the case: with the recipient, the outbox row's key. */
  eventKey: string;
  caseId: string;
  kind: string;
  stage: string;
  /** When it happened (ISO): the step's record time, or the time the step was saved. */
  at: string;
  audience: NoticeAudience;
  /** By when something is expected (a date or an ISO time), if anything is. */
  by: string | null;
  item?: number;
  amountCny?: string;
  dueOn?: string;
  /** A publicity's last day. */
  endsOn?: string;
  /** A publicity ended by an objection (the case went back to review). */
  objected?: boolean;
  /** A review's determination: each applicant's outcome. */
  outcomes?: Array<{ person: string; outcome: string; reason?: string }>;
}

interface StepRecordLike {
  action: string;
  at?: string;
  stage: string;
  item?: number;
  amountCny?: string;
}

interface ViewLike {
  stage: string;
  pending: { stage?: string; roles: string[]; dueAt: string | null; escalated?: boolean; remindedAt?: string } | null;
  eligibility?: { policy?: PolicyRef };
  schedule?: Array<{ no: number; dueOn: string; amountCny: string | null }>;
  noticedOn?: string;
  publicityEndsOn?: string | null;
  determination?: { outcomes: Array<{ person: string; outcome: string; reason?: string }> } | null;
}

export interface NoticeStep {
  caseId: string;
  kind: string;
  policy: PolicyRef;
  view: ViewLike;
  request: object;
  entry?: { step: number; record: StepRecordLike };
  /** When the step was saved (the record's time for a step with a record). */
  at: string;
}

function licenceProcess(policy: PolicyRef): DeferredLicenceParameters['process'] {
  return (getPack(policy).parameters as DeferredLicenceParameters).process;
}

function licenseeOf(request: object): string | undefined {
  const l = (request as { licensee?: { id?: string; name?: string } }).licensee;
  return l?.id ?? l?.name;
}

function guarantorContact(request: object): NoticeContact | undefined {
  const c = (request as { guarantee?: { contact?: { name: string; email: string; language?: 'zh' | 'en' } } | null })
    .guarantee?.contact;
  return c && { name: c.name, email: c.email, language: c.language ?? 'zh' };
}

/** The notices one persisted step of a case calls for (none for most steps). */
export function noticeEvents(step: NoticeStep): NoticeEvent[] {
  const { caseId, kind, view, entry } = step;
  const base = { caseId, kind, stage: view.stage, at: step.at };
  const events: NoticeEvent[] = [];
  const pending = view.pending;
  // A step opened for people (it has a deadline): once per opening, keyed by its deadline.
  if (pending && pending.dueAt && !pending.escalated) {
    events.push({
      ...base,
      event: 'case.step-waiting',
      eventKey: `waiting:${pending.stage ?? view.stage}:${pending.dueAt}`,
      audience: { roles: pending.roles },
      by: pending.dueAt,
    });
    // Half its time gone with nobody acting: the same people, once per opening (same key as above).
    if (pending.remindedAt)
      events.push({
        ...base,
        at: pending.remindedAt,
        event: 'case.step-reminder',
        eventKey: `reminder:${pending.stage ?? view.stage}:${pending.dueAt}`,
        audience: { roles: pending.roles },
        by: pending.dueAt,
      });
  }
  events.push(...publicityEvents(step), ...determinationEvents(step));
  if (!entry) return events;
  const { record } = entry;
  const key = `step:${entry.step}`;
  if (record.action === 'escalated' && pending) {
    events.push({ ...base, event: 'case.escalated', eventKey: key, audience: { roles: pending.roles }, by: null });
  }
  if (kind !== 'deferred-licence') return events;
  const proc = licenceProcess(step.policy);
  const item = view.schedule?.find((i) => i.no === record.item);
  const licensee = {
    roles: [...new Set([...proc.licenseeRoles, ...proc.officeRoles])],
    licenseeId: licenseeOf(step.request),
  };
  const money = { item: record.item, amountCny: record.amountCny, dueOn: item?.dueOn };
  const licenceEvent: Partial<Record<string, [NoticeEventName, string | null]>> = {
    reminder: ['licence.reminder', item?.dueOn ?? null],
    posted: ['licence.payment-due', item?.dueOn ?? null],
    // Default comes the day after the grace period: paying by its last day cures it.
    overdue: ['licence.overdue', item ? addDays(graceFrom(view, item), proc.graceDays) : null],
    defaulted: ['licence.defaulted', null],
    'credit-flag-lifted': ['licence.credit-flag-lifted', null],
  };
  const hit = licenceEvent[record.action];
  // The insurer or guarantor named on the licence pays first on a default: it hears of the overdue
  // payment and of the default (through the contact the licence names for it, if any).
  const guarantor = guarantorContact(step.request);
  const audience =
    guarantor && (record.action === 'overdue' || record.action === 'defaulted')
      ? { ...licensee, contacts: [guarantor] }
      : licensee;
  if (hit) events.push({ ...base, event: hit[0], eventKey: key, audience, by: hit[1], ...money });
  return events;
}
