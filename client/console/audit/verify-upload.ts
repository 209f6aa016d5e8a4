// Verifying a history the auditor brings (a file of an exported bundle, a copy they kept): the
// same replay and re-derivation as `transferflow audit replay --dir`. A history that was altered
// after the fact fails: the replay or the re-derived decision no longer matches what it records.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { HistoryJson } from '../../audit/history';
import { verifyHistories } from '../../audit/verify';
import { InvalidInputError } from '../../issues';
import type { ConsoleContext } from '../context';
import { html, type Html } from '../html';
import { t } from '../i18n';
import { AUDIT_PAGE_ROUTES } from '../routes';
import { parseForm, serve } from '../serve';
import { csrfField, requirePerson, type ConsoleView } from '../session';
import { auditPage } from './frame';
import { verdictSection } from './verdicts';

const ROUTES = AUDIT_PAGE_ROUTES;

const uploadSchema = z.object({
  name: z.string().trim().max(200).optional(),
  history: z.string().min(2, 'choose a history file (JSON)'),
});

/** The text as a history: JSON with an events list whose first event starts a workflow. */
export function parseHistory(text: string): HistoryJson {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new InvalidInputError([{ path: 'history', message: `not JSON: ${(error as Error).message}` }]);
  }
  const events = (value as { events?: unknown })?.events;
  if (!Array.isArray(events) || !events[0]?.workflowExecutionStartedEventAttributes)
    throw new InvalidInputError([
      { path: 'history', message: 'not a workflow history: no events starting a workflow' },
    ]);
  return value as HistoryJson;
}

function renderForm(view: ConsoleView, result: Html | null, issue?: string): Html {
  const { lang } = view;
  return auditPage(view, {
    title: t(lang, 'audit.verifyFile'),
    nav: ROUTES.audit.path,
    body: html`<p>${t(lang, 'audit.verifyFileHint')}</p>
      <form method="post" action="${ROUTES.auditVerify.path}" class="stack">
        ${csrfField(view)}
        <div class="field">
          <label for="history-file">${t(lang, 'audit.historyFile')}</label>
          <input id="history-file" type="file" accept=".json,application/json" data-into="history" />
        </div>
        <div class="field">
          <label for="history">${t(lang, 'audit.historyText')}</label>
          <textarea
            id="history"
            name="history"
            class="json"
            ${issue ? html`aria-invalid="true" aria-describedby="history-issue"` : ''}
          ></textarea>
          ${issue ? html`<p id="history-issue" class="issue" role="alert" lang="en">${issue}</p>` : ''}
        </div>
        <button type="submit">${t(lang, 'audit.verify')}</button>
      </form>
      ${result ?? ''}`,
  });
}

export function verifyUploadRoutes(scope: FastifyInstance, _ctx: ConsoleContext): void {
  serve(scope, ROUTES.auditVerifyForm, async (request) => renderForm(requirePerson(request), null));

  serve(scope, ROUTES.auditVerify, async (request, reply) => {
    const view = requirePerson(request);
    let history: HistoryJson;
    try {
      const form = parseForm(uploadSchema, request.body);
      history = parseHistory(form.history);
    } catch (error) {
      if (!(error instanceof InvalidInputError)) throw error;
      void reply.code(400);
      return renderForm(view, null, error.issues.map((i) => i.message).join('; '));
    }
    const [verdict] = await verifyHistories([
      { name: t(view.lang, 'audit.uploaded'), workflowId: 'uploaded-history', history },
    ]);
    return renderForm(view, verdictSection(view.lang, [verdict]));
  });
}
