// The console's answers to errors, as pages in the person's language: no session → the login
// page (303), a wrong role or a bad CSRF token → 403, bad input → 400 with each field's issue,
// anything else → the status the shared error table (client/errors.ts) gives, with the request id.
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { problemFor } from '../errors';
import { html } from './html';
import { t } from './i18n';
import { page } from './layout';
import { FOUNDATION_ROUTES } from './routes';
import { ConsoleForbidden, ConsoleSignInRequired, viewFor } from './session';

export function consoleErrorHandler(error: FastifyError | Error, request: FastifyRequest, reply: FastifyReply): void {
  if (error instanceof ConsoleSignInRequired) {
    const next = encodeURIComponent(error.next);
    void reply.code(303).header('location', `${FOUNDATION_ROUTES.login.path}?next=${next}`).send();
    return;
  }
  const view = viewFor(request);
  const { lang } = view;
  const home = html`<p><a href="${FOUNDATION_ROUTES.home.path}">${t(lang, 'error.back')}</a></p>`;
  if (error instanceof ConsoleForbidden) {
    const message =
      error.reason === 'csrf'
        ? t(lang, 'error.csrf')
        : t(lang, 'error.forbidden.role', {
            role: t(lang, `role.${error.role}`),
            allowed: (error.allowed ?? []).map((r) => t(lang, `role.${r}`)).join(lang === 'zh' ? '、' : ', '),
          });
    void reply
      .code(403)
      .type('text/html; charset=utf-8')
      .send(
        page(view, {
          title: t(lang, 'error.forbidden.title'),
          body: html`<p role="alert">${message}</p>
            ${home}`,
        }).text,
      );
    return;
  }
  const problem = problemFor(error, String(request.id));
  if (problem.status >= 500) request.log.error({ err: error, status: problem.status }, 'console request failed');
  const body = problem.body;
  const detail =
    'issues' in body
      ? html`<p role="alert">${t(lang, 'error.invalid')}</p>
          <ul>
            ${body.issues.map((i) => html`<li><code>${i.path}</code>: ${i.message}</li>`)}
          </ul>`
      : problem.status >= 500
        ? html`<p role="alert">${t(lang, 'error.internal', { reqId: String(request.id) })}</p>`
        : html`<p role="alert">${body.message}</p>`;
  void reply
    .code(problem.status)
    .headers(problem.headers ?? {})
    .type('text/html; charset=utf-8')
    .send(
      page(view, {
        title: t(lang, problem.status === 404 ? 'error.notFound.title' : 'error.title'),
        body: html`${detail}${home}`,
      }).text,
    );
}
