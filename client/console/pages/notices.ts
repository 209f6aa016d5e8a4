// The notices pages: a case's notice history (who was told what, when, and whether it was
// delivered — the same rows as GET /v1/cases/{id}/notices, for the same roles), and a person's own
// notice preferences (a daily digest, the optional notices they receive), read and saved with the
// session's CSRF token. Default notices cannot be turned off here either.
import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { OPTIONAL_EVENTS } from '../../../activities/notices/notice-events';
import { caseIdOf } from '../../api/case-kinds';
import { HttpError } from '../../api/http-error';
import type { PrismaClient } from '../../../prisma/generated/client';
import type { ConsoleContext } from '../context';
import { requireCaseAccess } from '../../api/context';
import { html, type Html } from '../html';
import { formatDateTime, t, type Lang } from '../i18n';
import { NOTICE_PAGE_ROUTES as R } from '../routes';
import { parseForm, serve } from '../serve';
import { csrfField, requirePerson, type ConsoleView } from '../session';
import { casesPage } from './frame';

type NoticeRow = Awaited<ReturnType<PrismaClient['notice']['findMany']>>[number];

const eventName = (lang: Lang, event: string) => t(lang, `event.${event}`);

/** Where a notice stands: delivered (when), or still waiting (attempts, last error, next attempt). */
function delivery(lang: Lang, n: NoticeRow): Html {
  const tag = n.status === 'sent' ? 'tag' : n.status === 'skipped' ? 'tag off' : 'tag warn';
  return html`<span class="${tag}">${t(lang, `notices.status.${n.status}`)}</span>
    ${n.sentAt ? html`<br /><span class="hint">${t(lang, 'notices.sentAt', { at: formatDateTime(lang, n.sentAt) })}</span>` : ''}
    ${n.attempts > 0 && n.status !== 'sent' ? html`<br /><span class="hint">${t(lang, 'notices.attempts', { n: n.attempts })}</span>` : ''}
    ${n.lastError && n.status !== 'sent' ? html`<br /><span class="hint">${t(lang, 'notices.lastError', { error: n.lastError })}</span>` : ''}
    ${
      n.status === 'pending' && n.attempts > 0
        ? html`<br /><span class="hint"
              >${t(lang, 'notices.nextAttempt', { at: formatDateTime(lang, n.nextAttemptAt) })}</span
            >`
        : ''
    }`;
}

function noticeTable(lang: Lang, rows: NoticeRow[], names: Map<string, string>): Html {
  return html`<table class="notices">
    <thead>
      <tr>
        <th scope="col">${t(lang, 'notices.col.at')}</th>
        <th scope="col">${t(lang, 'notices.col.event')}</th>
        <th scope="col">${t(lang, 'notices.col.recipient')}</th>
        <th scope="col">${t(lang, 'notices.col.subject')}</th>
        <th scope="col">${t(lang, 'notices.col.status')}</th>
      </tr>
    </thead>
    <tbody>
      ${rows.map(
        (n) =>
          html`<tr data-event="${n.event}">
            <td>${formatDateTime(lang, n.eventAt)}</td>
            <td>
              ${eventName(lang, n.event)}${n.optional ? html` <span class="hint">(${t(lang, 'notices.optional')})</span>` : ''}
            </td>
            <td>
              ${n.personId ? (names.get(n.personId) ?? '') : t(lang, 'notices.contact')}<br /><span class="hint"
                >${n.recipient} · ${t(lang, `language.${n.language === 'en' ? 'en' : 'zh'}`)}</span
              >
            </td>
            <td>${n.subject}</td>
            <td>${delivery(lang, n)}</td>
          </tr>`,
      )}
    </tbody>
  </table>`;
}

async function historyPage(ctx: ConsoleContext, view: ConsoleView, rawId: string): Promise<Html> {
  const { lang } = view;
  const caseId = caseIdOf(rawId);
  // The API's own scope rule: a department person sees its own department's cases only.
  await requireCaseAccess(ctx, view.caller, caseId);
  const found = await ctx.prisma.case.findUnique({ where: { id: caseId }, select: { id: true, kind: true } });
  if (!found) throw new HttpError(404, 'not-found', `no case ${caseId}`);
  const rows = await ctx.prisma.notice.findMany({ where: { caseId }, orderBy: [{ eventAt: 'asc' }, { id: 'asc' }] });
  const ids = [...new Set(rows.flatMap((n) => (n.personId ? [n.personId] : [])))];
  const people = await ctx.prisma.person.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } });
  const caseLink = `/cases/${encodeURIComponent(caseId)}`;
  return casesPage(view, {
    title: t(lang, 'notices.historyTitle', { case: `${t(lang, `kind.${found.kind}`)} ${caseId}` }),
    body: html`<p>${t(lang, 'notices.historyIntro')}</p>
      <p><a href="${caseLink}">${t(lang, 'notices.backToCase')}</a></p>
      ${
        rows.length
          ? noticeTable(lang, rows, new Map(people.map((p) => [p.id, p.name])))
          : html`<p>${t(lang, 'notices.none')}</p>`
      }`,
  });
}

async function preferencesPage(ctx: ConsoleContext, view: ConsoleView, saved = false): Promise<Html> {
  const { lang, person } = view;
  const pref = await ctx.prisma.noticePreference.findUnique({ where: { personId: person.userId } });
  const recent = await ctx.prisma.notice.findMany({
    where: { personId: person.userId },
    orderBy: [{ eventAt: 'desc' }, { id: 'asc' }],
    take: 20,
  });
  const muted = new Set(pref?.muted ?? []);
  return casesPage(view, {
    title: t(lang, 'notices.prefsTitle'),
    nav: R.preferences.path,
    body: html`${saved ? html`<p class="notice" role="status">${t(lang, 'notices.saved')}</p>` : ''}
      ${
        person.email
          ? html`<p>
              ${t(lang, 'notices.prefsIntro', {
                email: person.email,
                language: t(lang, `language.${person.language}`),
              })}
            </p>`
          : html`<p class="error" role="alert">${t(lang, 'notices.noEmail')}</p>`
      }
      <form method="post" action="${R.preferencesSave.path}" aria-labelledby="h-prefs">
        ${csrfField(view)}
        <h2 id="h-prefs">${t(lang, 'notices.prefsTitle')}</h2>
        <p>
          <label
            ><input type="checkbox" name="digest" value="on" ${pref?.digest ? html`checked` : ''} />
            ${t(lang, 'notices.digest')}</label
          >
        </p>
        <fieldset>
          <legend>${t(lang, 'notices.receive')}</legend>
          ${OPTIONAL_EVENTS.map(
            (e) =>
              html`<p>
                <label
                  ><input type="checkbox" name="receive" value="${e}" ${muted.has(e) ? '' : html`checked`} />
                  ${eventName(lang, e)}</label
                >
              </p>`,
          )}
        </fieldset>
        <p><button type="submit">${t(lang, 'notices.save')}</button></p>
      </form>
      <h2>${t(lang, 'notices.mine')}</h2>
      ${
        recent.length
          ? html`<table>
              <thead>
                <tr>
                  <th scope="col">${t(lang, 'notices.col.at')}</th>
                  <th scope="col">${t(lang, 'notices.col.subject')}</th>
                  <th scope="col">${t(lang, 'notices.col.status')}</th>
                </tr>
              </thead>
              <tbody>
                ${recent.map(
                  (n) =>
                    html`<tr>
                      <td>${formatDateTime(lang, n.eventAt)}</td>
                      <td><a href="/cases/${encodeURIComponent(n.caseId)}">${n.subject}</a></td>
                      <td>${delivery(lang, n)}</td>
                    </tr>`,
                )}
              </tbody>
            </table>`
          : html`<p>${t(lang, 'notices.none')}</p>`
      }`,
  });
}

/** The form: a checked box sends its value; the events not sent are the ones muted. */
const preferencesForm = z.object({
  digest: z.literal('on').optional(),
  receive: z
    .union([z.enum(OPTIONAL_EVENTS), z.array(z.enum(OPTIONAL_EVENTS))])
    .optional()
    .transform((v) => (v === undefined ? [] : [v].flat())),
});

export function noticeRoutes(scope: FastifyInstance, ctx: ConsoleContext): void {
  serve(scope, R.caseNotices, async (request) =>
    historyPage(ctx, requirePerson(request), (request.params as { id: string }).id),
  );

  serve(scope, R.preferences, async (request) => preferencesPage(ctx, requirePerson(request)));

  serve(scope, R.preferencesSave, async (request) => {
    const view = requirePerson(request);
    const form = parseForm(preferencesForm, request.body ?? {});
    const personId = view.person.userId;
    const muted = OPTIONAL_EVENTS.filter((e) => !form.receive.includes(e));
    const digest = form.digest === 'on';
    await ctx.prisma.$transaction([
      ctx.prisma.noticePreference.upsert({
        where: { personId },
        update: { digest, muted },
        // The unsubscribe token is made here if no optional notice has made it yet (outbox.ts does the same).
        create: { personId, digest, muted, unsubscribeKey: randomBytes(24).toString('base64url') },
      }),
      // As unsubscribing from a mail: those of a muted kind still waiting are not sent either.
      ctx.prisma.notice.updateMany({
        where: { personId, event: { in: muted }, status: { in: ['pending', 'digest'] } },
        data: { status: 'skipped' },
      }),
    ]);
    return preferencesPage(ctx, view, true);
  });
}
