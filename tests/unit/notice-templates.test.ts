// The notices' mails in both languages, from a real licence step (the pack's own grace period)
// and a real rights-grant step: one snapshot per language and kind, and everything from people
// or cases escaped in the HTML part.
import { getPack, packRef } from '../../policies/registry';
import { EXAMPLE_LICENCE } from '../../policies/deferred-licence/example-request';
import { noticeEvents } from '../../activities/notices/notice-events';
import { renderNotice } from '../../activities/notices/templates';

const licencePolicy = packRef(getPack('cn-deferred-licence@2024.1'));
const overdueStep = {
  caseId: 'HFUT-L-2026-007',
  kind: 'deferred-licence',
  policy: licencePolicy,
  at: '2027-03-16T16:00:00.000Z',
  request: EXAMPLE_LICENCE,
  view: {
    stage: 'paying',
    pending: null,
    schedule: [{ no: 1, dueOn: '2027-03-16', amountCny: '33333.33' }],
  },
  entry: { step: 9, record: { action: 'overdue', stage: 'paying', item: 1, amountCny: '33333.33' } },
};
const waitingStep = {
  caseId: 'hfut-2026-001',
  kind: 'rights-grant',
  policy: licencePolicy,
  at: '2026-11-23T02:00:00.000Z',
  request: {},
  view: {
    stage: 'department-review',
    pending: { stage: 'department-review', roles: ['department'], dueAt: '2026-11-30T02:00:00.000Z', escalated: false },
  },
};
const LINK = 'https://transfer.example.edu.cn/cases/HFUT-L-2026-007';

test('an overdue licence payment: who hears of it, and by when it must be paid (the pack’s grace)', () => {
  const [e] = noticeEvents(overdueStep);
  expect(e).toMatchObject({
    event: 'licence.overdue',
    eventKey: 'step:9',
    by: '2027-04-15', // 2027-03-16 + 30 days of grace
    audience: { roles: ['licensee', 'tto', 'admin'], licenseeId: EXAMPLE_LICENCE.licensee.name },
  });
  expect(renderNotice('zh', e, { name: '财务部 王敏' }, LINK)).toMatchSnapshot('overdue zh');
  expect(renderNotice('en', e, { name: 'Wang Min' }, LINK)).toMatchSnapshot('overdue en');
});

test('a step waiting: once per opening, with the deadline and an unsubscribe link', () => {
  const events = noticeEvents(waitingStep);
  expect(events.map((e) => `${e.event} ${e.eventKey}`)).toEqual([
    'case.step-waiting waiting:department-review:2026-11-30T02:00:00.000Z',
  ]);
  const unsubscribe = 'https://transfer.example.edu.cn/v1/notices/unsubscribe?key=k&event=case.step-waiting';
  expect(renderNotice('zh', events[0], { name: '李主任' }, LINK, unsubscribe)).toMatchSnapshot('waiting zh');
  expect(renderNotice('en', events[0], { name: 'Dean Li' }, LINK, unsubscribe)).toMatchSnapshot('waiting en');
  // Saved again without a record (the same opening): the same key, so the outbox writes it once.
  expect(noticeEvents(waitingStep)[0].eventKey).toBe(events[0].eventKey);
});

test('names and links are escaped in the HTML part', () => {
  const [e] = noticeEvents(waitingStep);
  const mail = renderNotice('en', e, { name: '<img src=x onerror=alert(1)> & Co' }, `${LINK}?a=1&b="2"`);
  expect(mail.html).not.toContain('<img');
  expect(mail.html).toContain('&lt;img src=x onerror=alert(1)&gt; &amp; Co');
  expect(mail.html).toContain('?a=1&amp;b=&quot;2&quot;');
  expect(mail.text).toContain('<img src=x onerror=alert(1)> & Co'); // plain text is not HTML
});

const reviewPolicy = packRef(getPack('cn-diligence-exemption-2016@2016.1'));
const determinedStep = {
  caseId: 'DE-2026-004',
  kind: 'diligence-exemption',
  policy: reviewPolicy,
  at: '2026-12-01T02:00:00.000Z',
  request: {
    applicants: [
      { name: '李明', role: 'leader', email: 'li.ming@unit.example' },
      { name: 'Zhao Hua', role: 'researcher', email: 'zhao@unit.example', language: 'en' },
      { name: '王芳', role: 'manager' },
    ],
  },
  view: {
    stage: 'result',
    pending: null,
    determination: {
      outcomes: [
        { person: '李明', outcome: 'exempt' },
        { person: 'Zhao Hua', outcome: 'partly', reason: 'exchange publicity blocked by an outage' },
        { person: '王芳', outcome: 'not' },
      ],
    },
  },
  entry: { step: 31, record: { action: 'determine', stage: 'determination' } },
};

test('a determination: the applicants with an address and the office who applies the result', () => {
  const [e] = noticeEvents(determinedStep);
  expect(e).toMatchObject({
    event: 'review.determined',
    eventKey: 'step:31',
    audience: {
      roles: ['tto', 'admin'], // the pack's result step
      contacts: [
        { name: '李明', email: 'li.ming@unit.example', language: 'zh', subject: '李明' },
        { name: 'Zhao Hua', email: 'zhao@unit.example', language: 'en', subject: 'Zhao Hua' },
      ],
    },
  });
  const own = renderNotice('zh', e, { name: '李明', subject: '李明' }, LINK);
  expect(own).toMatchSnapshot('determined zh, to an applicant');
  expect(own.text).not.toMatch(/Zhao Hua|王芳/);
  expect(renderNotice('en', e, { name: 'Office' }, LINK)).toMatchSnapshot('determined en, to the office');
});

test('a publicity opened: its contacts, by its last day; a step reminded at half time', () => {
  const publicity = {
    ...waitingStep,
    request: { publicityContacts: [{ name: '宣传部', email: 'pub@unit.example' }] },
    view: {
      stage: 'publicity',
      publicityEndsOn: '2026-12-14',
      pending: {
        stage: 'publicity',
        roles: ['tto', 'department', 'admin'],
        dueAt: '2026-12-14T16:00:00.000Z',
        escalated: false,
      },
    },
  };
  const events = noticeEvents(publicity);
  expect(events.map((e) => `${e.event} ${e.eventKey}`)).toEqual([
    'case.step-waiting waiting:publicity:2026-12-14T16:00:00.000Z',
    'grant.publicity-started publicity:2026-12-14T16:00:00.000Z',
  ]);
  expect(renderNotice('zh', events[1], { name: '宣传部' }, LINK)).toMatchSnapshot('publicity started zh');
  expect(renderNotice('en', events[1], { name: 'Publicity' }, LINK).subject).toBe(
    '[transferflow] rights grant hfut-2026-001: publicity starts, ending on 14 Dec 2026',
  );
  const reminded = {
    ...waitingStep,
    view: {
      ...waitingStep.view,
      pending: { ...waitingStep.view.pending, remindedAt: '2026-11-26T14:00:00.000Z' },
    },
  };
  const reminder = noticeEvents(reminded).find((e) => e.event === 'case.step-reminder')!;
  expect(reminder).toMatchObject({
    eventKey: 'reminder:department-review:2026-11-30T02:00:00.000Z',
    at: '2026-11-26T14:00:00.000Z',
  });
  expect(renderNotice('zh', reminder, { name: '李主任' }, LINK).subject).toBe(
    '[transferflow] 赋权 hfut-2026-001：“院系审核”环节办理期限已过半，仍在等待您办理',
  );
  expect(renderNotice('en', reminder, { name: 'Dean Li' }, LINK).subject).toBe(
    '[transferflow] rights grant hfut-2026-001: half the time for the department review step has gone and it is still waiting for you',
  );
});

test('an overdue payment and a default also go to the contact the licence names for its insurer or guarantor', () => {
  const contact = { name: 'PICC 理赔部', email: 'claims@picc.example', language: 'zh' as const };
  const insured = {
    ...overdueStep,
    request: { ...EXAMPLE_LICENCE, guarantee: { kind: 'insurance', provider: 'PICC', contact } },
  };
  expect(noticeEvents(insured)[0].audience.contacts).toEqual([contact]);
  const defaulted = { ...insured, entry: { step: 12, record: { ...insured.entry.record, action: 'defaulted' } } };
  expect(noticeEvents(defaulted)[0]).toMatchObject({ event: 'licence.defaulted', audience: { contacts: [contact] } });
  // A reminder is the licensee's business alone; a licence naming no contact tells nobody else.
  const reminder = { ...insured, entry: { step: 3, record: { ...insured.entry.record, action: 'reminder' } } };
  expect(noticeEvents(reminder)[0].audience.contacts).toBeUndefined();
  expect(noticeEvents(overdueStep)[0].audience.contacts).toBeUndefined();
});
