// The notices of a case to people its request names (who need not sign in to the console): a
// rights grant's publicity contacts when the publicity starts and when it ends, and a review's
// applicants when it is determined (with the office that applies the result). Pure, like
// notice-events.ts, which calls these for every persisted step.
import { getPack } from '../../policies/registry';
import type { Contact } from '../../policies/input-primitives';
import type { DiligenceExemptionParameters } from '../../policies/diligence-exemption/parameters';
import type { NoticeContact, NoticeEvent, NoticeStep } from './notice-events';

interface GrantRequest {
  publicityContacts?: Contact[];
}
interface ReviewRequest {
  applicants?: Array<{ name: string; email?: string; language?: 'zh' | 'en' }>;
}

const contactsOf = (list: Contact[] | undefined): NoticeContact[] =>
  (list ?? []).map((c) => ({ name: c.name, email: c.email, language: c.language ?? 'zh' }));

/** A rights grant's publicity: its start (once per opening, keyed by its close) and its end (by the step that ended it). */
export function publicityEvents(step: NoticeStep): NoticeEvent[] {
  const { view, entry } = step;
  const contacts = contactsOf((step.request as GrantRequest).publicityContacts);
  if (step.kind !== 'rights-grant' || contacts.length === 0) return [];
  const base = {
    caseId: step.caseId,
    kind: step.kind,
    stage: 'publicity',
    at: step.at,
    audience: { roles: [], contacts },
  };
  const endsOn = view.publicityEndsOn ?? undefined;
  const events: NoticeEvent[] = [];
  if (view.stage === 'publicity' && view.pending?.stage === 'publicity' && view.pending.dueAt)
    events.push({
      ...base,
      event: 'grant.publicity-started',
      eventKey: `publicity:${view.pending.dueAt}`,
      by: endsOn ?? null,
      endsOn,
    });
  // Ended: its period ran out with no objection, or an objection sent the case back to review.
  const record = entry?.record;
  if (record && record.stage === 'publicity' && (record.action === 'publicity-ended' || record.action === 'object'))
    events.push({
      ...base,
      event: 'grant.publicity-ended',
      eventKey: `step:${entry.step}`,
      by: null,
      endsOn,
      objected: record.action === 'object',
    });
  return events;
}

/** A review's determination: each applicant with an address hears their own outcome; the office hears them all. */
export function determinationEvents(step: NoticeStep): NoticeEvent[] {
  const { view, entry } = step;
  if (step.kind !== 'diligence-exemption' || entry?.record.action !== 'determine' || !view.determination) return [];
  const applicants = (step.request as ReviewRequest).applicants ?? [];
  const contacts: NoticeContact[] = applicants
    .filter((a) => a.email)
    .map((a) => ({ name: a.name, email: a.email!, language: a.language ?? 'zh', subject: a.name }));
  const office = (getPack(step.policy).parameters as DiligenceExemptionParameters).process.steps.result.roles;
  return [
    {
      caseId: step.caseId,
      kind: step.kind,
      stage: view.stage,
      at: step.at,
      event: 'review.determined',
      eventKey: `step:${entry.step}`,
      audience: { roles: office, contacts },
      by: null,
      outcomes: view.determination.outcomes.map((o) => ({
        person: o.person,
        outcome: o.outcome,
        ...(o.reason ? { reason: o.reason } : {}),
      })),
    },
  ];
}
