// The paper every document is printed on: A4, a serif CJK face, the document's title, its body,
// and the block an auditor reads — the case id, the pack that decided (with the pack's SHA-256)
// and the SHA-256 of the document's record, with what that hash covers and where to fetch it.
import { html, raw, type Html } from '../html';
import { t, type Lang } from '../i18n';
import type { DocumentRecord, HashedRecord, ListRecord } from './record';

const STYLE = `
  @page { size: A4; }
  body { font-family: "Noto Serif CJK SC", "Noto Sans CJK SC", serif; font-size: 11pt; line-height: 1.7; color: #000; }
  h1 { text-align: center; font-size: 18pt; letter-spacing: 0.1em; margin: 0 0 1.2em; }
  p { margin: 0.5em 0; }
  .indent { text-indent: 2em; }
  table { border-collapse: collapse; width: 100%; margin: 0.8em 0; }
  th, td { border: 1px solid #333; padding: 4px 6px; text-align: left; vertical-align: top; font-size: 10pt; }
  th { background: #eee; width: 28%; }
  .checks th { width: auto; }
  .sign { margin-top: 2.5em; text-align: right; }
  .verify { margin-top: 2em; border-top: 1px solid #333; padding-top: 0.6em; font-size: 8.5pt; line-height: 1.5;
    font-family: "Noto Sans CJK SC", sans-serif; }
  .verify code { font-family: "DejaVu Sans Mono", monospace; word-break: break-all; }
`;

/** Which case and pack a document stands on; a list names what it covers (each case is in its body). */
function provenance(lang: Lang, record: DocumentRecord | ListRecord): Html {
  if (!('caseId' in record))
    return html`<p>
      ${t(lang, 'doc.listOf')}: ${Object.entries(record.listOf).map(([k, v]) => html`<code>${k}=${String(v)}</code> `)}
    </p>`;
  return html`<p>${t(lang, 'doc.caseId')}: <code>${record.caseId}</code></p>
    <p>
      ${t(lang, 'doc.pack')}: ${record.pack.title} <code>${record.pack.id}@${record.pack.version}</code><br />
      ${t(lang, 'doc.packHash')}: <code>${record.pack.hash}</code>
    </p>`;
}

export function documentHtml(
  lang: Lang,
  title: string,
  body: Html,
  hashed: HashedRecord<DocumentRecord | ListRecord>,
  jsonPath: string,
): Html {
  return html`<!doctype html>
    <html lang="${lang === 'zh' ? 'zh-CN' : 'en'}">
      <head>
        <meta charset="utf-8" />
        <title>${title}</title>
        <style>
          ${raw(STYLE)}
        </style>
      </head>
      <body>
        <h1>${title}</h1>
        ${body}
        <div class="verify">
          ${provenance(lang, hashed.record)}
          <p>${t(lang, 'doc.sha256')}: <code class="doc-hash">${hashed.sha256}</code></p>
          <p>${t(lang, 'doc.hashCovers', { path: jsonPath })}</p>
        </div>
      </body>
    </html>`;
}
