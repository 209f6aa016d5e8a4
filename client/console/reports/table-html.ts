// A report table as a page section: its heading, its bar chart (when it has one), the table
// itself (first column as the row's header, counts and amounts right-aligned, a case id linked to
// its page, a totals row when asked for) and its CSV and XLSX links. The reports' pages and
// "rewards paid" render their tables with it, so every table reads and downloads the same way.
import { html, type Html } from '../html';
import { t, type Lang } from '../i18n';
import { pageText } from './cells';
import { barChart } from './chart';
import type { ReportTable } from './table';

/** The table's download link in a format (csv, xlsx); none: no download links. */
export type DownloadLink = (format: 'csv' | 'xlsx') => string;

function cellHtml(lang: Lang, table: ReportTable, i: number, cell: ReportTable['rows'][number][number]): Html | string {
  const text = pageText(lang, table.columns[i], cell);
  return table.columns[i].kind === 'case'
    ? html`<a href="/cases/${encodeURIComponent(String(cell))}">${text}</a>`
    : text;
}

/** The sum of each count and amount column over the rows (exact: bigint), blank under the others. */
function totals(lang: Lang, table: ReportTable): Html {
  const numeric = (i: number) => table.columns[i].kind === 'count' || table.columns[i].kind === 'fen';
  return html`<tfoot>
    <tr>
      <th scope="row">${t(lang, 'report.total')}</th>
      ${table.columns.slice(1).map((c, j) => {
        const i = j + 1;
        if (!numeric(i)) return html`<td></td>`;
        const sum = table.rows.reduce((s, r) => s + (r[i] as bigint), 0n);
        return html`<td class="num"><strong>${pageText(lang, c, sum)}</strong></td>`;
      })}
    </tr>
  </tfoot>`;
}

export function tableSectionHtml(lang: Lang, table: ReportTable, link?: DownloadLink): Html {
  const numeric = (i: number) => table.columns[i].kind === 'count' || table.columns[i].kind === 'fen';
  return html`<section class="report-table" id="t-${table.id}" aria-labelledby="h-${table.id}">
    <h2 id="h-${table.id}">${t(lang, table.title)}</h2>
    ${barChart(lang, table)}
    ${
      table.rows.length
        ? html`<table id="${table.id}" data-table="${table.id}">
            <thead>
              <tr>
                ${table.columns.map(
                  (c, i) => html`<th scope="col" class="${numeric(i) ? 'num' : ''}">${t(lang, c.title)}</th>`,
                )}
              </tr>
            </thead>
            <tbody>
              ${table.rows.map(
                (row) =>
                  html`<tr>
                    ${row.map((cell, i) =>
                      i === 0 && table.rowHeaders
                        ? html`<th scope="row">${cellHtml(lang, table, i, cell)}</th>`
                        : html`<td class="${numeric(i) ? 'num' : ''}">${cellHtml(lang, table, i, cell)}</td>`,
                    )}
                  </tr>`,
              )}
            </tbody>
            ${table.totals ? totals(lang, table) : ''}
          </table>`
        : html`<p>${t(lang, 'report.empty')}</p>`
    }
    ${
      link
        ? html`<p class="downloads">
            ${t(lang, 'report.download')}:
            <a href="${link('csv')}" download>CSV</a>
            <a href="${link('xlsx')}" download>XLSX</a>
          </p>`
        : ''
    }
  </section>`;
}
