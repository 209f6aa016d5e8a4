// Form fields drawn from a field tree (client/console/forms/schema-fields.ts): a label on every
// control, the field's issue next to it (aria-describedby, aria-invalid), lists as numbered rows
// with one blank row to add another, a choice of shape as a select and one fieldset per shape.
// Values are the form's own (by name), so a refused form comes back as the person filled it in.
import type { InputIssue } from '../../issues';
import { issueText } from '../issue-text';
import { concrete, rowsOf, type FormEntries } from '../forms/form-body';
import { labelKey, type Field, type ScalarField } from '../forms/schema-fields';
import { html, type Html } from '../html';
import { t, type Lang } from '../i18n';

export interface FieldState {
  lang: Lang;
  values: FormEntries;
  /** Issues by field name (inventors.1.share), each in the person's language (or marked untranslated). */
  issues: Map<string, Html[]>;
  /** Names rendered, so issues on other paths go to the form's summary. */
  shown: Set<string>;
  /** Each rendered field's label, so the summary names a field as the person sees it, not by its path. */
  labels: Map<string, string>;
  /** Keeps ids unique when a page has several forms with the same field names. */
  idPrefix: string;
}

export function fieldState(lang: Lang, values: FormEntries = {}, issues: InputIssue[] = [], idPrefix = ''): FieldState {
  const byName = new Map<string, Html[]>();
  for (const i of issues) byName.set(i.path, [...(byName.get(i.path) ?? []), issueShown(lang, i)]);
  return { lang, values, issues: byName, shown: new Set(), labels: new Map(), idPrefix };
}

/**
 * One issue as shown: its text in `lang`; an issue with no text in `lang` is the API's English,
 * marked untranslated (as explain.ts marks a check or refusal), never passed off as a translation.
 */
export function issueShown(lang: Lang, issue: InputIssue): Html {
  const said = issueText(lang, issue);
  if (said.translated) return html`${said.text}`;
  return html`<span class="untranslated"
    >${t(lang, 'issue.untranslated')} <span lang="en">${said.original}</span></span
  >`;
}

/** Several issues of one field, one after the other. */
const joined = (messages: Html[]): Html[] => messages.flatMap((m, i) => (i ? [html`; `, m] : [m]));

export const fieldId = (name: string, prefix = '') => `f-${prefix}${name.replace(/[^A-Za-z0-9_-]/g, '-')}`;

const valueOf = (s: FieldState, name: string): string => {
  const v = s.values[name];
  return (Array.isArray(v) ? v[v.length - 1] : v) ?? '';
};

function issueOf(s: FieldState, name: string): { id: string; messages: Html[] } | null {
  s.shown.add(name);
  const messages = s.issues.get(name);
  return messages?.length ? { id: `${fieldId(name, s.idPrefix)}-issue`, messages } : null;
}

function label(s: FieldState, f: Field, name: string, text = t(s.lang, f.label)): Html {
  s.labels.set(name, text);
  return html`<label for="${fieldId(name, s.idPrefix)}"
    >${text}${f.required ? html` <span class="req">${t(s.lang, 'form.required')}</span>` : ''}</label
  >`;
}

function maxLength(f: Field): Html {
  return 'maxLength' in f && f.maxLength ? html`maxlength="${f.maxLength}"` : html``;
}

function scalar(s: FieldState, f: ScalarField, name: string, text?: string): Html {
  const issue = issueOf(s, name);
  const id = fieldId(name, s.idPrefix);
  const value = valueOf(s, name);
  const aria = issue ? html`aria-invalid="true" aria-describedby="${issue.id}"` : '';
  const issueHtml = issue ? html`<span class="error" id="${issue.id}">${joined(issue.messages)}</span>` : '';
  // aria-required, not required: a list's blank extra row and the shapes not chosen must not block sending.
  const req = f.required && f.type !== 'checkbox' ? html`aria-required="true"` : '';
  let control: Html;
  switch (f.type) {
    case 'checkbox':
      return html`<div class="check">
        <input
          type="checkbox"
          id="${id}"
          name="${name}"
          value="true"
          ${value === 'true' ? html`checked` : ''}
          ${aria}
        />
        <label for="${id}">${text ?? t(s.lang, f.label)}</label>${issueHtml}
      </div>`;
    case 'select':
      control = html`<select id="${id}" name="${name}" ${req} ${aria}>
        <option value="">${t(s.lang, 'form.choose')}</option>
        ${(f.options ?? []).map(
          (o) => html`<option value="${o}" ${o === value ? html`selected` : ''}>${t(s.lang, `value.${o}`)}</option>`,
        )}
      </select>`;
      break;
    case 'textarea':
      control = html`<textarea id="${id}" name="${name}" rows="3" ${maxLength(f)} ${req} ${aria}>${value}</textarea>`;
      break;
    case 'date':
      control = html`<input type="date" id="${id}" name="${name}" value="${value}" ${req} ${aria} />`;
      break;
    case 'number':
    case 'integer':
      // Text with a numeric keyboard: people type 1,234.50 or full-width digits; the body parser reads them.
      control = html`<input
        type="text"
        inputmode="${f.type === 'integer' ? 'numeric' : 'decimal'}"
        id="${id}"
        name="${name}"
        value="${value}"
        ${req}
        ${aria}
      />`;
      break;
    default:
      control = html`<input type="text" id="${id}" name="${name}" value="${value}" ${maxLength(f)} ${req} ${aria} />`;
  }
  return html`<div class="field">${label(s, f, name, text)}${control}${issueHtml}</div>`;
}

function fields(s: FieldState, list: Field[], indices: number[]): Html {
  const loose = list.filter((f) => f.type !== 'group' && f.type !== 'list' && f.type !== 'variant');
  const nested = list.filter((f) => f.type === 'group' || f.type === 'list' || f.type === 'variant');
  return html`${loose.length ? html`<div class="grid">${loose.map((f) => one(s, f, indices))}</div>` : ''}
  ${nested.map((f) => one(s, f, indices))}`;
}

function one(s: FieldState, f: Field, indices: number[]): Html {
  const name = concrete(f.path, indices);
  switch (f.type) {
    case 'group':
      return html`<fieldset>
        <legend>${t(s.lang, f.label)}</legend>
        ${groupIssue(s, name)} ${fields(s, f.fields, indices)}
      </fieldset>`;
    case 'list': {
      // Rows the person filled in (a blank row sent back is not counted: one blank row is always added).
      const sent = rowsOf(s.values, name).filter((row) =>
        Object.entries(s.values).some(
          ([k, v]) =>
            (k === `${name}.${row}` || k.startsWith(`${name}.${row}.`)) && [v].flat().some((x) => x && x !== 'false'),
        ),
      );
      const count = Math.min(f.max, Math.max(f.min, sent.length ? Math.max(...sent) + 1 : 0) + 1);
      return html`<fieldset class="list">
        <legend>${t(s.lang, f.label)}</legend>
        ${groupIssue(s, name)}
        ${Array.from({ length: count }, (_, row) =>
          f.item.length === 1 && f.item[0].path === `${f.path}.*`
            ? scalar(s, f.item[0] as ScalarField, `${name}.${row}`, t(s.lang, 'form.row', { n: row + 1 }))
            : html`<fieldset class="row">
                <legend>${t(s.lang, 'form.row', { n: row + 1 })}</legend>
                ${fields(s, f.item, [...indices, row])}
              </fieldset>`,
        )}
      </fieldset>`;
    }
    case 'variant': {
      const key = `${name}.${f.discriminator}`;
      const chooser: ScalarField = {
        type: 'select',
        path: `${f.path}.${f.discriminator}`,
        label: labelKey(`${f.path}.${f.discriminator}`),
        required: true,
        options: f.variants.map((v) => v.value),
      };
      return html`<fieldset>
        <legend>${t(s.lang, f.label)}</legend>
        ${groupIssue(s, name)}
        <div class="grid">${scalar(s, chooser, key)}</div>
        ${f.variants.map(
          (v) =>
            html`<fieldset class="variant" data-variant-of="${key}" data-variant="${v.value}">
              <legend>${t(s.lang, `value.${v.value}`)}</legend>
              ${fields(s, v.fields, indices)}
            </fieldset>`,
        )}
      </fieldset>`;
    }
    default:
      return scalar(s, f, name);
  }
}

/** An issue about a whole group or list (grant, inventors) shown at its top. */
function groupIssue(s: FieldState, name: string): Html {
  const issue = issueOf(s, name);
  return issue ? html`<p class="error" id="${issue.id}">${joined(issue.messages)}</p>` : html``;
}

/** The fields of a form. Render before the summary, so the summary knows which issues had no field. */
export function renderFields(s: FieldState, list: Field[]): Html {
  return fields(s, list, []);
}

/** Issues the fields did not show (a refusal naming no field, or the body as a whole), with links to the ones they did. */
export function issueSummary(s: FieldState): Html {
  if (!s.issues.size) return html``;
  return html`<div class="issues" role="alert">
    <p>${t(s.lang, 'form.errors')}</p>
    <ul>
      ${[...s.issues].map(([name, messages]) =>
        s.shown.has(name)
          ? html`<li>
              <a href="#${fieldId(name, s.idPrefix)}">${s.labels.get(name) ?? name}</a>: ${joined(messages)}
            </li>`
          : html`<li>${name ? html`<code>${name}</code>: ` : ''}${joined(messages)}</li>`,
      )}
    </ul>
  </div>`;
}
