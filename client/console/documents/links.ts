// Where the licence statement, the due list and the ledger exports are offered: a licence's case
// page (its statement in Chinese and English, its ledger as XLSX and CSV, the due list of its
// licensee's payments), a grant's case page (the whole rights grant ledger, to those who may read
// it) and "rewards paid" (the reward ledger). Each link is shown only to a role its route lets in.
import type { Role } from '../../api/auth';
import type { CasePage } from '../case-page';
import { html, type Html } from '../html';
import { t } from '../i18n';
import { DOCUMENT_2_ROUTES, type ConsoleRoute } from '../routes';
import type { ConsoleView } from '../session';

const may = (view: ConsoleView, route: ConsoleRoute) =>
  route.roles === 'public' || (route.roles as readonly Role[]).includes(view.caller.role);
const caseLink = (route: ConsoleRoute, caseId: string) => route.path.replace(':id', encodeURIComponent(caseId));

/** XLSX and CSV links of one export. */
function spreadsheet(view: ConsoleView, title: string, path: string): Html {
  return html`<li class="ledger-export">
    ${title}: <a href="${path}?format=xlsx" download>XLSX</a> · <a href="${path}?format=csv" download>CSV</a>
  </li>`;
}

export function licenceDocuments(view: ConsoleView, page: CasePage): Html {
  const { lang } = view;
  const R = DOCUMENT_2_ROUTES;
  const statement = caseLink(R.licenceStatementPdf, page.caseId);
  return html`<section aria-labelledby="h-licence-documents" class="licence-documents">
    <h2 id="h-licence-documents">${t(lang, 'doc.documents')}</h2>
    <ul>
      <li>
        <a class="statement" href="${statement}">${t(lang, 'doc.statement.title')}</a> (PDF ·
        <a href="${statement}?lang=en">${t(lang, 'doc.pdfEn')}</a> ·
        <a href="${caseLink(R.licenceStatementJson, page.caseId)}">${t(lang, 'doc.hashedJson')}</a>)
      </li>
      ${
        may(view, R.dueListPdf)
          ? html`<li>
              ${t(lang, 'doc.due.link')} (PDF):
              ${(['30', '60', '90'] as const).map(
                (days) =>
                  html`<a class="due-list" href="${R.dueListPdf.path}?days=${days}"
                    >${t(lang, 'doc.due.days', { days })}</a
                  > `,
              )}
            </li>`
          : ''
      }
      ${spreadsheet(view, t(lang, 'doc.ledger.licence'), caseLink(R.licenceLedger, page.caseId))}
    </ul>
  </section>`;
}

/** The whole rights grant ledger, offered on a grant's page to those who may read it. */
export function grantLedgerLink(view: ConsoleView): Html {
  if (!may(view, DOCUMENT_2_ROUTES.grantLedger)) return html``;
  return html`<ul class="ledger-exports">
    ${spreadsheet(view, t(view.lang, 'doc.ledger.grants'), DOCUMENT_2_ROUTES.grantLedger.path)}
  </ul>`;
}

/** The reward distribution ledger, offered on "rewards paid". */
export function rewardLedgerLink(view: ConsoleView): Html {
  if (!may(view, DOCUMENT_2_ROUTES.rewardLedger)) return html``;
  return html`<ul class="ledger-exports">
    ${spreadsheet(view, t(view.lang, 'doc.ledger.rewards'), DOCUMENT_2_ROUTES.rewardLedger.path)}
  </ul>`;
}
