// The case pages over HTTP on real parts (dev server, PGlite, worker, the process's console): a
// rights grant launched from its form, the inbox, claim / release with a second officer refused,
// a wrong role's refusal shown next to the form with nothing changed, a field's issue next to the
// field, a decision recorded with the person and role exactly as an API decision is; escaping of
// what people typed; a licensee held to its own licences; the eligibility preview.
import { People } from '../../client/people/people';
import { EXAMPLE_RIGHTS_GRANT } from '../../policies/rights-grant/example-request';
import { formValues } from '../../client/console/forms/form-body';
import { Browser, person } from '../support/console-http';
import { KEYS, LICENSEE_ORG, useE2E } from '../support/stack';
import { eventually } from '../support/rights-grant-driver';

const e2e = useE2E('pglite');

async function signedIn(login: string): Promise<Browser> {
  const b = new Browser(e2e().stack.apiUrl);
  const res = await b.signIn(login);
  expect(res.status).toBe(303);
  return b;
}

/** Posts a form of the page at `from`, with that page's CSRF token. */
async function send(b: Browser, from: string, to: string, fields: Record<string, string | string[]>) {
  const _csrf = await b.csrf(from);
  return b.post(to, { ...fields, _csrf });
}

const grantForm = (caseId: string, title = EXAMPLE_RIGHTS_GRANT.result.title) =>
  formValues({ caseId, ...EXAMPLE_RIGHTS_GRANT, result: { ...EXAMPLE_RIGHTS_GRANT.result, title } });

beforeAll(async () => {
  const people = new People(e2e().db.prisma);
  await people.create(person('ann.tto', [{ role: 'tto' }]));
  await people.create(person('bo.tto', [{ role: 'tto' }]));
  await people.create(person('dee.dept', [{ role: 'department' }], { language: 'en' }));
  await people.create(person('lee.lic', [{ role: 'licensee', licenseeId: 'Other Licensee Ltd.' }]));
  await people.create(person('bank.ops', [{ role: 'bank', bankIds: ['icbc'] }]));
});

test('a rights grant launched from its form, decided from the inbox, recorded as the person and role', async () => {
  const ann = await signedIn('ann.tto');
  const form = await (await ann.get('/new/rights-grant?example=1')).text();
  expect(form).toContain('name="inventors.1.name"');
  expect(form).toContain('value="Chen Jing"');

  const preview = await send(ann, '/new/rights-grant', '/new/rights-grant/preview', grantForm('cp-rg-1'));
  expect(preview.status).toBe(200);
  const previewHtml = await preview.text();
  expect(previewHtml).toContain('id="preview"');
  expect(previewHtml).toContain('符合条件'); // eligible, in Chinese (the default)
  expect(await e2e().db.prisma.case.count({ where: { id: 'cp-rg-1' } })).toBe(0); // nothing started

  const launched = await send(ann, '/new/rights-grant', '/new/rights-grant', grantForm('cp-rg-1'));
  expect(launched.status).toBe(303);
  expect(launched.headers.get('location')).toBe('/cases/cp-rg-1');

  const dee = await signedIn('dee.dept');
  const inbox = await eventually(
    async () => (await dee.get('/inbox')).text(),
    (page) => page.includes('cp-rg-1'),
    'the case in the department inbox',
  );
  expect(inbox).toContain('Department review');

  // Claim; a colleague of another role cannot claim a step that is not theirs.
  expect((await send(dee, '/inbox', '/inbox/claim', { only: 'cp-rg-1' })).status).toBe(200);
  const claimed = await (await dee.get('/inbox?mine=on')).text();
  expect(claimed).toContain('cp-rg-1');
  expect(claimed).toContain('Claimed by me');
  const annTry = await send(ann, '/cases/cp-rg-1', '/cases/cp-rg-1/claim', {});
  expect(annTry.status).toBe(403);

  // A wrong role: the workflow refuses, the page says why, nothing changes.
  const wrong = await send(ann, '/cases/cp-rg-1', '/cases/cp-rg-1/act', { action: 'approve', reason: '' });
  expect(wrong.status).toBe(403);
  const wrongHtml = await wrong.text();
  expect(wrongHtml).toContain('role="alert"');
  expect(wrongHtml).toContain('may not approve');
  // The headline is the catalog's, naming the role and the action; the workflow's words beneath.
  expect(wrongHtml).toMatch(
    /您当前的身份（技术转移办公室）不能办理“同意”|Your role \(Technology-transfer office\) may not take the action “Approve”/,
  );
  // A reject without a reason: the issue next to the reason field.
  const noReason = await send(dee, '/cases/cp-rg-1', '/cases/cp-rg-1/act', { action: 'reject', reason: '' });
  expect(noReason.status).toBe(400);
  expect(await noReason.text()).toMatch(
    /id="f-act-reason"[^>]*aria-invalid="true"|aria-invalid="true"[^>]*id="f-act-reason"/,
  );
  expect((await e2e().db.prisma.case.findUnique({ where: { id: 'cp-rg-1' } }))?.stage).toBe('department-review');

  const approved = await send(dee, '/cases/cp-rg-1', '/cases/cp-rg-1/act', {
    action: 'approve',
    reason: 'fits our plan',
  });
  expect(approved.status).toBe(303);
  expect(approved.headers.get('location')).toBe('/cases/cp-rg-1?done=approve');
  const after = await (await dee.get('/cases/cp-rg-1?done=approve')).text();
  expect(after).toContain('Done: Approve');
  expect(after).toContain('Office review');

  // The history records the person's login and role, as an API decision would.
  const history = await e2e().call('GET', '/v1/cases/cp-rg-1/history', KEYS.tto);
  expect(history.body.decisions).toContainEqual(
    expect.objectContaining({ action: 'approve', actor: { id: 'dee.dept', role: 'department' } }),
  );
  const claimEvents = history.body.auditLog.filter((e: { action: string }) => e.action.endsWith('step-claimed'));
  expect(claimEvents).toEqual([expect.objectContaining({ actorId: 'dee.dept', actorRole: 'department' })]);
  // The timeline shows the claim beside the decisions.
  expect(after).toContain('Claimed');
});

test('what people type is text: a case title with a script tag is shown, never run', async () => {
  const ann = await signedIn('ann.tto');
  const title = '<script>alert(1)</script>';
  const launched = await send(ann, '/new/rights-grant', '/new/rights-grant', grantForm('cp-rg-xss', title));
  expect(launched.status).toBe(303);
  const page = await (await ann.get('/cases/cp-rg-xss')).text();
  expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  expect(page).not.toContain(title);
});

test("scope: a licensee sees no other organisation's licence, a bank sees no case; a bad case number is refused at its field", async () => {
  const ann = await signedIn('ann.tto');
  const bad = await send(ann, '/new/rights-grant', '/new/rights-grant', grantForm('bad id'));
  expect(bad.status).toBe(400);
  expect(await bad.text()).toContain('id="f-caseId-issue"');

  const launched = await e2e().call('POST', '/v1/cases/deferred-licence', KEYS.tto, {
    caseId: 'cp-lic-1',
    ...(await import('../../policies/deferred-licence/example-request')).EXAMPLE_LICENCE,
    payment: { feeCny: 300000, instalments: 3, intervalMonths: 12 },
  });
  expect(launched.status).toBe(201);
  const lee = await signedIn('lee.lic');
  expect((await lee.get('/cases/cp-lic-1')).status).toBe(404); // another organisation's licence (LICENSEE_ORG)
  expect(LICENSEE_ORG).not.toBe('Other Licensee Ltd.');
  const bank = await signedIn('bank.ops');
  expect((await bank.get('/cases/cp-rg-1')).status).toBe(403);
  expect((await bank.get('/loan-checks')).status).toBe(200);
});
