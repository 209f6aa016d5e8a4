// The auditor's tools on a record's audit page — verify by replay, download the bundle, and the
// documents to print (each PDF with the hashed JSON it was printed from) — one section for a case
// and a loan check alike; only the record's paths differ.
import { html, type Html } from '../html';
import { t } from '../i18n';
import type { MessageKey } from '../messages';
import { csrfField, type ConsoleView } from '../session';

export const pathFor = (template: string, id: string) => template.replace(':id', encodeURIComponent(id));

/** A printable document: its title, the PDF and the JSON record whose SHA-256 it carries. */
export interface PrintedDocument {
  title: MessageKey;
  pdf: string;
  json: string;
}

export function auditTools(
  view: ConsoleView,
  paths: { verify: string; bundle: string },
  documents: readonly PrintedDocument[],
): Html {
  const { lang } = view;
  return html`<section aria-labelledby="h-tools" class="audit-tools">
    <h2 id="h-tools">${t(lang, 'audit.tools')}</h2>
    <form method="post" action="${paths.verify}" class="inline">
      ${csrfField(view)}
      <button type="submit" class="verify">${t(lang, 'audit.verify')}</button>
    </form>
    <a class="button" href="${paths.bundle}" download>${t(lang, 'audit.bundle')}</a>
    <p class="hint">${t(lang, 'audit.verifyHint')}</p>
    ${
      documents.length
        ? html`<h3>${t(lang, 'doc.documents')}</h3>
            <ul>
              ${documents.map(
                (d) =>
                  html`<li>
                    <a href="${d.pdf}">${t(lang, d.title)}</a>
                    (<a href="${d.json}">${t(lang, 'doc.hashedJson')}</a>)
                  </li>`,
              )}
            </ul>`
        : ''
    }
  </section>`;
}
