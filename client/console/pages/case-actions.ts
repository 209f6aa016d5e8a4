// The action forms of a case page: for the case's stage, a button per action the stage takes (the
// workflow's own table of actions per stage) and the fields of the API's action schema those
// actions use; the licence's revenue report and payment; claim and release of the open step. The
// workflow alone decides who may act: a button a role may not use is refused by it, and the page
// shows why, next to the form, with nothing changed.
import { caseActionSchema } from '../../rights-grants';
import { licenceActionSchema, paymentSchema, revenueReportSchema } from '../../licences';
import { reviewActionSchema } from '../../reviews';
import { rewardActionSchema } from '../../rewards';
import { ACTIONS as REWARD_STAGE_ACTIONS } from '../../../workflows/transformation-reward-rules';
import { ACTIONS as GRANT_ACTIONS } from '../../../workflows/rights-grant-rules';
import { ACTIONS as LICENCE_STAGE_ACTIONS } from '../../../workflows/deferred-licence-rules';
import { ACTIONS as REVIEW_ACTIONS } from '../../../workflows/diligence-exemption-rules';
import type { CasePage } from '../case-page';
import type { FormEntries } from '../forms/form-body';
import { fieldsOf, type Field } from '../forms/schema-fields';
import { html, type Html } from '../html';
import { t, type Lang } from '../i18n';
import { CASE_PAGE_ROUTES, RENEWAL_ROUTES } from '../routes';
import { csrfField, type ConsoleView } from '../session';
import { fieldState, issueSummary, renderFields } from './fields';
import { refusalNotice, roleList, when, type Refusal } from './frame';
import { z } from 'zod';
import { deferredFeeSchema, royaltySchema } from '../../../policies/deferred-licence/terms-schema';

/** Which form of the page was sent, with what, and why it was refused: shown back in that form. */
export interface FormOutcome {
  form: 'act' | 'revenue' | 'payment' | 'claim' | 'renew';
  values: FormEntries;
  refusal: Refusal | null;
}

const cache = new Map<string, Field[]>();
function fieldsFor(key: string, schema: z.ZodType, keep: readonly string[]): Field[] {
  let fields = cache.get(key);
  if (!fields) {
    const all = fieldsOf(schema).map((f) => f.path);
    fields = fieldsOf(schema, { omit: all.filter((p) => !keep.includes(p)) });
    cache.set(key, fields);
  }
  return fields;
}

// Actions with their own form: the licence's money, and its renewal (the new payment terms).
const NOT_BUTTONS = ['report-revenue', 'record-payment', 'renew'];

/** The actions the case's stage takes as buttons, and the fields they use. */
export function actionForm(page: CasePage): { actions: string[]; fields: Field[] } | null {
  if (!page.running) return null;
  const stage = page.stage;
  if (page.kind === 'rights-grant') {
    const actions = [...(GRANT_ACTIONS[stage as keyof typeof GRANT_ACTIONS] ?? [])];
    const keep = stage === 'agreement' ? ['reference'] : ['reason'];
    return actions.length ? { actions, fields: fieldsFor(`rg:${keep}`, caseActionSchema, keep) } : null;
  }
  if (page.kind === 'deferred-licence') {
    const actions = (LICENCE_STAGE_ACTIONS[stage as keyof typeof LICENCE_STAGE_ACTIONS] ?? []).filter(
      (a) => !NOT_BUTTONS.includes(a),
    );
    return actions.length ? { actions, fields: fieldsFor('lic', licenceActionSchema, ['reason', 'reference']) } : null;
  }
  if (page.kind === 'reward') {
    const actions = [...(REWARD_STAGE_ACTIONS[stage as keyof typeof REWARD_STAGE_ACTIONS] ?? [])];
    const keep: Record<string, string[]> = {
      'split-confirmation': ['personId', 'reference', 'reason'],
      registration: ['reference', 'reason'],
      payment: ['personId', 'reference'],
    };
    return actions.length
      ? { actions, fields: fieldsFor(`rw:${stage}`, rewardActionSchema, keep[stage] ?? ['reason']) }
      : null;
  }
  const actions = [...(REVIEW_ACTIONS[stage as keyof typeof REVIEW_ACTIONS] ?? [])];
  const keep: Record<string, string[]> = {
    acceptance: ['reason'],
    'evidence-review': ['subject', 'item', 'value', 'evidence', 'note'],
    determination: ['outcomes', 'correctiveActions', 'reason', 'evidence'],
    result: ['reference'],
    'corrective-actions': ['actionId', 'reference'],
  };
  return actions.length
    ? { actions, fields: fieldsFor(`rv:${stage}`, reviewActionSchema, keep[stage] ?? ['reason']) }
    : null;
}

/**
 * The renewal form: the new payment terms in the licence's own model (a renewal keeps it: the
 * workflow refuses another), under the launch form's `payment` labels, and a reason.
 */
export function renewalSchema(royalty: boolean) {
  return z.object({
    payment: royalty ? royaltySchema : deferredFeeSchema,
    reason: z.string().trim().max(2000).optional(),
  });
}
export const renewalFields = (royalty: boolean) =>
  fieldsFor(`renew:${royalty}`, renewalSchema(royalty), ['payment', 'reason']);

/** Whether the licence on the page is paid by royalty (else a deferred fee). */
export function paidByRoyalty(page: CasePage): boolean {
  const payment = (page.view as { payment?: object }).payment;
  return Boolean(payment && 'royaltyRate' in payment);
}

export const revenueFields = () => fieldsFor('revenue', revenueReportSchema, ['amountCny', 'reference', 'note']);
export const paymentFields = () => fieldsFor('payment', paymentSchema, ['amountCny', 'reference', 'payer']);

function formBlock(
  view: ConsoleView,
  o: { id: string; action: string; title: string; fields: Field[]; outcome: FormOutcome | null; buttons: Html },
): Html {
  const { lang } = view;
  const mine = o.outcome && o.outcome.form === o.id ? o.outcome : null;
  const s = fieldState(
    lang,
    mine?.values ?? {},
    mine?.refusal && 'issues' in mine.refusal ? mine.refusal.issues : [],
    `${o.id}-`,
  );
  const body = renderFields(s, o.fields);
  return html`<section aria-labelledby="h-${o.id}" class="action-form">
    <h3 id="h-${o.id}">${o.title}</h3>
    ${refusalNotice(lang, mine?.refusal ?? null)} ${issueSummary(s)}
    <form method="post" action="${o.action}" id="form-${o.id}">
      ${csrfField(view)} ${body}
      <div class="buttons">${o.buttons}</div>
    </form>
  </section>`;
}

/** The claim status of the open step and its claim / release button. */
export function claimBlock(view: ConsoleView, page: CasePage, outcome: FormOutcome | null): Html {
  const { lang } = view;
  if (!page.pending || !page.running) return html``;
  const id = encodeURIComponent(page.caseId);
  const mayWork = page.mayAct;
  const mine = page.claim?.holderId === view.caller.id;
  const refusal = outcome?.form === 'claim' ? outcome.refusal : null;
  return html`<div class="claim">
    ${refusalNotice(lang, refusal)}
    <p>
      ${
        page.claim
          ? t(lang, 'case.claimedBy', {
              holder: page.claim.holderId,
              role: t(lang, `role.${page.claim.holderRole}`),
              at: when(lang, page.claim.claimedAt),
            })
          : t(lang, 'case.notClaimed')
      }
    </p>
    ${
      mayWork && !page.claim
        ? html`<form method="post" action="/cases/${id}/claim" class="inline">
            ${csrfField(view)}<button type="submit" class="secondary">${t(lang, 'case.claim')}</button>
          </form>`
        : ''
    }
    ${
      page.claim && (mine || view.caller.role === 'admin')
        ? html`<form method="post" action="/cases/${id}/release" class="inline">
            ${csrfField(view)}<button type="submit" class="secondary">${t(lang, 'case.release')}</button>
          </form>`
        : ''
    }
  </div>`;
}

/** Every form the case offers at its stage. */
export function actionForms(view: ConsoleView, page: CasePage, outcome: FormOutcome | null): Html {
  const { lang } = view;
  const id = encodeURIComponent(page.caseId);
  const form = actionForm(page);
  const parts: Html[] = [];
  if (form && (CASE_PAGE_ROUTES.caseAct.roles as readonly string[]).includes(view.caller.role)) {
    const hint = page.mayAct
      ? t(lang, 'case.actHint', { role: t(lang, `role.${view.caller.role}`) })
      : page.pending
        ? t(lang, 'case.mayNotAct', {
            roles: roleList(lang, page.pending.roles),
            role: t(lang, `role.${view.caller.role}`),
          })
        : '';
    parts.push(
      formBlock(view, {
        id: 'act',
        action: `/cases/${id}/act`,
        title: t(lang, 'case.act'),
        fields: form.fields,
        outcome,
        buttons: html`${hint ? html`<p class="hint">${hint}</p>` : ''}
        ${form.actions.map(
          (a) =>
            html`<button
              type="submit"
              name="action"
              value="${a}"
              class="${['reject', 'decline', 'terminate', 'decline-extension', 'object'].includes(a) ? 'danger' : ''}"
            >
              ${t(lang, `action.${a}`)}
            </button>`,
        )}`,
      }),
    );
  }
  if (page.kind === 'deferred-licence' && page.running && moneyStage(page.stage)) {
    if ((CASE_PAGE_ROUTES.licenceRevenue.roles as readonly string[]).includes(view.caller.role))
      parts.push(
        formBlock(view, {
          id: 'revenue',
          action: `/cases/${id}/revenue`,
          title: t(lang, 'case.revenue'),
          fields: revenueFields(),
          outcome,
          buttons: html`<button type="submit">${t(lang, 'action.report-revenue')}</button>`,
        }),
      );
    if ((CASE_PAGE_ROUTES.licencePayment.roles as readonly string[]).includes(view.caller.role))
      parts.push(
        formBlock(view, {
          id: 'payment',
          action: `/cases/${id}/payment`,
          title: t(lang, 'case.payment'),
          fields: paymentFields(),
          outcome,
          buttons: html`<button type="submit">${t(lang, 'action.record-payment')}</button>`,
        }),
      );
  }
  if (
    page.kind === 'deferred-licence' &&
    page.running &&
    (LICENCE_STAGE_ACTIONS[page.stage as keyof typeof LICENCE_STAGE_ACTIONS] ?? []).includes('renew') &&
    (RENEWAL_ROUTES.licenceRenew.roles as readonly string[]).includes(view.caller.role)
  )
    parts.push(
      formBlock(view, {
        id: 'renew',
        action: `/cases/${id}/renew`,
        title: t(lang, 'renewal.title'),
        fields: renewalFields(paidByRoyalty(page)),
        outcome,
        buttons: html`<p class="hint">${t(lang, paidByRoyalty(page) ? 'renewal.royalty' : 'renewal.fee')}</p>
          <button type="submit">${t(lang, 'action.renew')}</button>`,
      }),
    );
  return html`${parts}`;
}

function moneyStage(stage: string): boolean {
  return (LICENCE_STAGE_ACTIONS[stage as keyof typeof LICENCE_STAGE_ACTIONS] ?? []).some((a) =>
    ['report-revenue', 'record-payment'].includes(a),
  );
}

/**
 * The evidence upload of a review's finding or determination: drop a file, see its SHA-256 (the
 * script fills the finding's evidence row). Without script the same section is a plain multipart
 * form (client/console/pages/evidence-form.ts), its CSRF token first; the page comes back with
 * the SHA-256 shown (`stored`) and the finding's evidence row filled in.
 */
export function evidenceBlock(
  lang: Lang,
  view: ConsoleView,
  page: CasePage,
  stored: { name: string; sha256: string } | null = null,
): Html {
  if (page.kind !== 'diligence-exemption' || !page.running) return html``;
  if (!['evidence-review', 'determination'].includes(page.stage)) return html``;
  if (!(CASE_PAGE_ROUTES.evidence.roles as readonly string[]).includes(view.caller.role)) return html``;
  return html`<section
    aria-labelledby="h-evidence"
    class="evidence"
    data-upload="${CASE_PAGE_ROUTES.evidence.path}"
    data-csrf="${view.csrfToken}"
  >
    <h3 id="h-evidence">${t(lang, 'evidence.title')}</h3>
    <form
      method="post"
      action="/cases/${encodeURIComponent(page.caseId)}/evidence"
      enctype="multipart/form-data"
      id="evidence-form"
    >
      ${csrfField(view)}
      <div class="dropzone" id="dropzone">
        <p>${t(lang, 'evidence.drop')}</p>
        <label for="evidence-file">${t(lang, 'evidence.file')}</label>
        <input type="file" id="evidence-file" name="file" required />
      </div>
      <button type="submit" class="no-script">${t(lang, 'evidence.upload')}</button>
    </form>
    <p class="hint">${t(lang, 'evidence.cite')}</p>
    <output
      id="evidence-result"
      aria-live="polite"
      data-stored="${t(lang, 'evidence.stored', { name: '{name}', sha256: '{sha256}' })}"
      >${stored ? t(lang, 'evidence.stored', stored) : ''}</output
    >
  </section>`;
}
