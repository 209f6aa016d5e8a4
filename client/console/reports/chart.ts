// A bar chart drawn on the server as inline SVG: no script, no library, nothing fetched (the
// console's Content-Security-Policy allows none). One bar per row, longest = the largest value;
// the figures are printed beside the bars, so the chart reads without colour or a legend.
import { html, type Html } from '../html';
import { t, type Lang } from '../i18n';
import { pageText } from './cells';
import type { ReportTable } from './table';

const WIDTH = 720;
const LABEL_WIDTH = 220;
const BAR_AREA = 380;
const ROW = 26;
/** More rows than this are in the table, not the chart. */
const MAX_BARS = 30;

function shorten(text: string, max = 18): string {
  return [...text].length > max ? `${[...text].slice(0, max - 1).join('')}…` : text;
}

export function barChart(lang: Lang, table: ReportTable): Html {
  if (!table.chart || table.rows.length === 0) return html``;
  const { label, value } = table.chart;
  const labelColumn = table.columns[label];
  const valueColumn = table.columns[value];
  const rows = table.rows.slice(0, MAX_BARS);
  // A row's label: its label column, preceded by the code before it when the table groups by two (kind · stage).
  const rowLabel = (row: (typeof rows)[number]) =>
    label > 0 && table.columns[label - 1].kind === 'code'
      ? `${pageText(lang, table.columns[label - 1], row[label - 1])} · ${pageText(lang, labelColumn, row[label])}`
      : pageText(lang, labelColumn, row[label]);
  const max = rows.reduce((m, r) => ((r[value] as bigint) > m ? (r[value] as bigint) : m), 0n);
  const height = rows.length * ROW + 8;
  const titleId = `chart-${table.id}`;
  return html`<figure class="chart">
    <svg
      xmlns="http://www.w3.org/2000/svg"
      role="img"
      aria-labelledby="${titleId}"
      viewBox="0 0 ${WIDTH} ${height}"
      width="${WIDTH}"
      height="${height}"
    >
      <title id="${titleId}">${t(lang, table.title)} — ${t(lang, valueColumn.title)}</title>
      ${rows.map((row, i) => {
        const v = row[value] as bigint;
        // Proportions from whole numbers (fen or counts): exact enough for a bar, never used as a figure.
        const w = max > 0n && v > 0n ? Math.max(1, Number((v * BigInt(BAR_AREA * 100)) / max) / 100) : 0;
        const y = 4 + i * ROW;
        return html`<g>
          <text x="${LABEL_WIDTH - 8}" y="${y + 15}" text-anchor="end" font-size="13" fill="#1b1f24">
            ${shorten(rowLabel(row))}
          </text>
          <rect x="${LABEL_WIDTH}" y="${y}" width="${w}" height="18" fill="#0b5cad" />
          <text x="${LABEL_WIDTH + w + 6}" y="${y + 14}" font-size="12" fill="#1b1f24">
            ${pageText(lang, valueColumn, v)}
          </text>
        </g>`;
      })}
    </svg>
    ${
      table.rows.length > MAX_BARS
        ? html`<figcaption>${t(lang, 'report.chartFirst', { n: MAX_BARS })}</figcaption>`
        : ''
    }
  </figure>`;
}
