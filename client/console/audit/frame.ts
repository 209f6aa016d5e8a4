// The frame of the auditor's and policy pages: the case pages' frame plus their own stylesheet and
// the small script that reads a chosen file into a text area (both local, under /assets/).
import { html, type Html } from '../html';
import { casesPage } from '../pages/frame';
import type { ConsoleView } from '../session';

export function auditPage(view: ConsoleView, options: { title: string; body: Html; nav?: string }): Html {
  return casesPage(view, {
    ...options,
    body: html`<link rel="stylesheet" href="/assets/audit.css" />
      <script src="/assets/audit.js" defer></script>
      ${options.body}`,
  });
}
