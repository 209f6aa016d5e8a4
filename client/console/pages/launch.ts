// Launch forms (rights grants, licences, exemption reviews) and the bank's loan-check form, drawn
// from the same schemas as the API's launch operations, each with an eligibility preview from the
// pure evaluators before anything is started: the Preview button works without script (the form
// comes back with the preview), and the page's script refreshes the preview as fields change.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { launchCase } from '../../api/case-actions';
import { LAUNCH_OPERATIONS } from '../../api/routes/case-operations';
import { LOAN_CHECK_OPERATIONS, submitLoanCheckAs } from '../../api/routes/loan-checks';
import { EXAMPLE_LOAN_REQUEST } from '../../../policies/ma-loan/example-request';
import type { Check } from '../../../policies/types';
import type { ConsoleContext } from '../context';
import { CONSOLE_FORMS } from '../forms/catalog';
import { bodyFromForm, formValues, type FormEntries } from '../forms/form-body';
import { fieldsOf, type Field } from '../forms/schema-fields';
import { html, type Html } from '../html';
import { t, type Lang } from '../i18n';
import { hasPreview, previewLaunch } from '../preview';
import { CASE_PAGE_ROUTES } from '../routes';
import { redirectLocal, serve } from '../serve';
import { ConsoleForbidden, csrfField, requirePerson, type ConsoleView } from '../session';
import { HttpError } from '../../api/http-error';
import { fieldState, issueSummary, renderFields } from './fields';
import { checkLine } from './case-sections';
import { casesPage, refusalNotice, refusalOf, when, type Refusal } from './frame';

const ROUTES = CASE_PAGE_ROUTES;
type ConsoleLaunchable = keyof typeof LAUNCH_OPERATIONS;
export type LaunchKind = ConsoleLaunchable | 'loan-check';
const CONSOLE_LAUNCHABLE = Object.keys(LAUNCH_OPERATIONS) as ConsoleLaunchable[];

const fieldsCache = new Map<string, Field[]>();
function fieldsFor(kind: LaunchKind): Field[] {
  let f = fieldsCache.get(kind);
  if (!f) fieldsCache.set(kind, (f = fieldsOf(CONSOLE_FORMS[kind].schema, CONSOLE_FORMS[kind].options)));
  return f;
}

function rolesFor(kind: LaunchKind): readonly string[] {
  return kind === 'loan-check' ? LOAN_CHECK_OPERATIONS.submit.roles : LAUNCH_OPERATIONS[kind].roles;
}

/** The kind named in the path, if the person's active role may launch it; 404 / 403 page otherwise. */
function launchKind(view: ConsoleView, raw: string): ConsoleLaunchable {
  if (!(CONSOLE_LAUNCHABLE as string[]).includes(raw))
    throw new HttpError(404, 'not-found', `no kind of case "${raw}"`);
  const kind = raw as ConsoleLaunchable;
  const roles = LAUNCH_OPERATIONS[kind].roles;
  if (!roles.includes(view.caller.role)) throw new ConsoleForbidden('role', view.caller.role, roles);
  return kind;
}

function example(kind: LaunchKind, view: ConsoleView): unknown {
  if (kind === 'loan-check') {
    const banks = view.caller.scope && 'bankIds' in view.caller.scope ? view.caller.scope.bankIds : [];
    return {
      ...EXAMPLE_LOAN_REQUEST,
      requestId: `req-${Date.now().toString(36)}`,
      bank: { ...EXAMPLE_LOAN_REQUEST.bank, id: banks[0] ?? EXAMPLE_LOAN_REQUEST.bank.id },
    };
  }
  return LAUNCH_OPERATIONS[kind].body.example;
}

function previewPanel(lang: Lang, decision: unknown, refusal: Refusal | null): Html {
  const d = decision as {
    decision: string;
    asOf: string;
    checks: Check[];
    policy: { title: string; id: string; version: string };
  } | null;
  return html`<section id="preview" aria-labelledby="h-preview" aria-live="polite" class="preview">
    ${
      d
        ? html`<h2 id="h-preview">${t(lang, 'launch.previewTitle')}</h2>
            <p>
              <strong class="decision ${d.checks.every((c) => c.passed) ? 'ok' : 'off'}"
                >${t(lang, 'case.decisionAsOf', { decision: t(lang, `decision.${d.decision}`), date: when(lang, d.asOf) })}</strong
              >
              · ${d.policy.title} <code>${d.policy.id}@${d.policy.version}</code>
            </p>
            <ul class="checks">
              ${d.checks.map(
                (c) =>
                  html`<li class="${c.passed ? 'ok' : 'off'}">
                    <span class="tag ${c.passed ? 'ok' : 'off'}"
                      >${t(lang, c.passed ? 'check.passed' : 'check.failed')}</span
                    >
                    ${checkLine(lang, c, `${d.policy.id}@${d.policy.version}`)}
                  </li>`,
              )}
            </ul>`
        : refusal && 'issues' in refusal
          ? html`<h2 id="h-preview">${t(lang, 'launch.previewTitle')}</h2>
              <p class="hint">${t(lang, 'form.errors')}</p>`
          : html`<h2 id="h-preview" class="visually-hidden">${t(lang, 'launch.previewTitle')}</h2>`
    }
  </section>`;
}

/** A launch form, filled with `values`, with the preview and the refusal (if any). */
export function renderLaunchForm(
  view: ConsoleView,
  kind: LaunchKind,
  values: FormEntries,
  o: { preview?: unknown; refusal?: Refusal | null } = {},
): Html {
  const { lang } = view;
  const refusal = o.refusal ?? null;
  const s = fieldState(lang, values, refusal && 'issues' in refusal ? refusal.issues : []);
  const body = renderFields(s, fieldsFor(kind));
  const loan = kind === 'loan-check';
  const action = loan ? ROUTES.loanCheckSubmit.path : `/new/${kind}`;
  const previewAction = loan ? ROUTES.loanCheckPreview.path : `/new/${kind}/preview`;
  const previewable = loan || hasPreview(kind);
  return casesPage(view, {
    title: t(lang, `launch.${kind}`),
    nav: loan ? ROUTES.loanChecks.path : ROUTES.launchChooser.path,
    body: html`<p>
        <a href="${loan ? ROUTES.loanCheckForm.path : `/new/${kind}`}?example=1">${t(lang, 'launch.example')}</a>
      </p>
      ${refusalNotice(lang, refusal)} ${issueSummary(s)}
      <form method="post" action="${action}" class="launch" ${previewable ? html`data-preview="${previewAction}"` : ''}>
        ${csrfField(view)} ${body}
        <div class="buttons">
          ${
            previewable
              ? html`<button type="submit" formaction="${previewAction}" class="secondary">
                  ${t(lang, 'launch.preview')}
                </button>`
              : ''
          }
          <button type="submit">${t(lang, loan ? 'launch.submitLoan' : 'launch.submit')}</button>
        </div>
      </form>
      ${previewable ? previewPanel(lang, o.preview ?? null, refusal) : ''}`,
  });
}

function chooser(view: ConsoleView): Html {
  const { lang } = view;
  const kinds = (CONSOLE_LAUNCHABLE as LaunchKind[])
    .concat('loan-check')
    .filter((k) => rolesFor(k).includes(view.caller.role));
  return casesPage(view, {
    title: t(lang, 'launch.title'),
    nav: ROUTES.launchChooser.path,
    body: html`<p>${t(lang, 'launch.intro')}</p>
      <ul class="choices">
        ${kinds.map(
          (k) =>
            html`<li>
              <a class="button" href="${k === 'loan-check' ? ROUTES.loanCheckForm.path : `/new/${k}`}"
                >${t(lang, `launch.${k}`)}</a
              >
            </li>`,
        )}
      </ul>`,
  });
}

const formOf = (request: FastifyRequest) => (request.body ?? {}) as FormEntries;
const wantsExample = (request: FastifyRequest) => (request.query as { example?: unknown }).example === '1';

/** The preview of a form's body: the decision, or the issues that stop one. */
function preview(kind: LaunchKind, fields: Field[], values: FormEntries): { preview?: unknown; refusal?: Refusal } {
  try {
    return {
      preview: previewLaunch(
        kind === 'loan-check' ? 'loan-check' : (kind as 'rights-grant'),
        bodyFromForm(fields, values),
      ),
    };
  } catch (error) {
    return { refusal: refusalOf(error) };
  }
}

export function launchRoutes(scope: FastifyInstance, ctx: ConsoleContext): void {
  const kindParam = (request: FastifyRequest) => (request.params as { kind: string }).kind;

  serve(scope, ROUTES.launchChooser, async (request) => chooser(requirePerson(request)));

  serve(scope, ROUTES.launchForm, async (request) => {
    const view = requirePerson(request);
    const kind = launchKind(view, kindParam(request));
    return renderLaunchForm(view, kind, wantsExample(request) ? formValues(example(kind, view)) : {});
  });

  serve(scope, ROUTES.launchPreview, async (request, reply) => {
    const view = requirePerson(request);
    const kind = launchKind(view, kindParam(request));
    if (!hasPreview(kind)) throw new HttpError(404, 'not-found', `no preview for ${kind}`);
    const result = preview(kind, fieldsFor(kind), formOf(request));
    if (result.refusal) void reply.code(400);
    return renderLaunchForm(view, kind, formOf(request), result);
  });

  serve(scope, ROUTES.launch, async (request, reply) => {
    const view = requirePerson(request);
    const kind = launchKind(view, kindParam(request));
    const values = formOf(request);
    try {
      const { launched } = await launchCase(ctx, view.caller, kind, bodyFromForm(fieldsFor(kind), values));
      redirectLocal(reply, `/cases/${encodeURIComponent(launched.caseId)}`);
      return;
    } catch (error) {
      const caseId = [values.caseId].flat()[0];
      const refusal = refusalOf(error, { caseId, action: 'launch', role: view.caller.role });
      void reply.code('issues' in refusal ? 400 : refusal.status);
      const shown = hasPreview(kind) ? preview(kind, fieldsFor(kind), values) : {};
      return renderLaunchForm(view, kind, values, { ...shown, refusal });
    }
  });

  serve(scope, ROUTES.loanCheckForm, async (request) => {
    const view = requirePerson(request);
    const banks = view.caller.scope && 'bankIds' in view.caller.scope ? view.caller.scope.bankIds : [];
    const values = wantsExample(request) ? formValues(example('loan-check', view)) : { 'bank.id': banks[0] ?? '' };
    return renderLaunchForm(view, 'loan-check', values);
  });

  serve(scope, ROUTES.loanCheckPreview, async (request, reply) => {
    const view = requirePerson(request);
    const result = preview('loan-check', fieldsFor('loan-check'), formOf(request));
    if (result.refusal) void reply.code(400);
    return renderLaunchForm(view, 'loan-check', formOf(request), result);
  });

  serve(scope, ROUTES.loanCheckSubmit, async (request, reply: FastifyReply) => {
    const view = requirePerson(request);
    const values = formOf(request);
    try {
      const answer = await submitLoanCheckAs(ctx, view.caller, bodyFromForm(fieldsFor('loan-check'), values));
      redirectLocal(reply, `/loan-checks/${answer.id}`);
      return;
    } catch (error) {
      const refusal = refusalOf(error, { caseId: [values.requestId].flat()[0], role: view.caller.role });
      void reply.code('issues' in refusal ? 400 : refusal.status);
      return renderLaunchForm(view, 'loan-check', values, { refusal });
    }
  });
}
