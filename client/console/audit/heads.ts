// The audit log's signed tree heads, and a check of the log against heads the auditor kept (the
// file `transferflow audit heads --export` writes, or one head copied from a bundle): the same
// check as `transferflow audit chain --heads FILE` — every entry against its Merkle leaf, every
// head (stored and kept) against the entries and the public key, so a truncated, rewritten or
// forked log fails. Reads only: no head is signed from this page.
import type { FastifyInstance } from 'fastify';
import type { KeyObject } from 'node:crypto';
import { z } from 'zod';
import { publicKeyFromPem, type SignedTreeHead } from '../../../activities/audit-signing';
import { headFromRow } from '../../../activities/audit-sequencer';
import { verifyAuditLog, type LogReport } from '../../../activities/audit-verify';
import { InvalidInputError } from '../../issues';
import type { ConsoleContext } from '../context';
import { html, type Html } from '../html';
import { t, type Lang } from '../i18n';
import { when } from '../pages/frame';
import { AUDIT_PAGE_ROUTES } from '../routes';
import { parseForm, serve } from '../serve';
import { csrfField, requirePerson, type ConsoleView } from '../session';
import { auditPage } from './frame';

const ROUTES = AUDIT_PAGE_ROUTES;
/** The newest heads the page lists. */
const SHOWN = 20;

const headSchema = z.object({
  treeSize: z.number().int().min(0),
  rootHash: z.string().regex(/^[0-9a-f]{64}$/),
  timestamp: z.string(),
  keyId: z.string(),
  signature: z.string(),
});
/** A kept heads file, a list of heads, or one head. */
const keptSchema = z.union([
  z.object({ publicKey: z.string().optional(), keyId: z.string().optional(), heads: z.array(headSchema).min(1) }),
  z.array(headSchema).min(1),
  headSchema,
]);
const checkForm = z.object({ heads: z.string().min(2, 'choose a kept heads file (JSON)') });

export interface KeptUpload {
  heads: SignedTreeHead[];
  publicKey?: KeyObject;
}

export function parseKept(text: string): KeptUpload {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new InvalidInputError([{ path: 'heads', message: `not JSON: ${(error as Error).message}` }]);
  }
  const parsed = keptSchema.safeParse(value);
  if (!parsed.success)
    throw new InvalidInputError([{ path: 'heads', message: 'not a kept heads file, a list of heads or a head' }]);
  const v = parsed.data;
  if (Array.isArray(v)) return { heads: v };
  if ('heads' in v) {
    let publicKey: KeyObject | undefined;
    try {
      publicKey = v.publicKey ? publicKeyFromPem(v.publicKey) : undefined;
    } catch {
      throw new InvalidInputError([{ path: 'heads', message: 'the file’s publicKey is not a PEM public key' }]);
    }
    return { heads: v.heads, publicKey };
  }
  return { heads: [v] };
}

function headsTable(lang: Lang, heads: SignedTreeHead[]): Html {
  return html`<table>
    <thead>
      <tr>
        <th scope="col">${t(lang, 'audit.treeSize')}</th>
        <th scope="col">${t(lang, 'audit.signedAt')}</th>
        <th scope="col">${t(lang, 'audit.rootHash')}</th>
        <th scope="col">${t(lang, 'audit.keyId')}</th>
      </tr>
    </thead>
    <tbody>
      ${heads.map(
        (h) =>
          html`<tr>
            <td>${h.treeSize}</td>
            <td>${when(lang, h.timestamp)}</td>
            <td><code class="sha">${h.rootHash}</code></td>
            <td><code class="sha">${h.keyId.slice(0, 16)}…</code></td>
          </tr>`,
      )}
    </tbody>
  </table>`;
}

function reportSection(lang: Lang, report: LogReport, kept: number): Html {
  return html`<section aria-labelledby="h-check" class="verdict ${report.verified ? 'verified' : 'failed'}">
    <h2 id="h-check">${t(lang, 'audit.checkResult')}</h2>
    <p class="outcome" role="status">
      <span class="tag ${report.verified ? 'ok' : 'off'}"
        >${report.verified ? t(lang, 'audit.verified') : t(lang, 'audit.failed')}</span
      >
      ${t(lang, 'audit.logSummary', {
        entries: report.entries,
        sequenced: report.sequenced,
        pending: report.pending,
        heads: report.heads,
        kept,
      })}
    </p>
    ${
      report.problems.length
        ? html`<ul class="problems">
            ${report.problems.map((p) => html`<li lang="en"><code>${p.kind}</code> ${p.message}</li>`)}
          </ul>`
        : ''
    }
  </section>`;
}

async function renderHeads(ctx: ConsoleContext, view: ConsoleView, result: Html | null, issue?: string): Promise<Html> {
  const { lang } = view;
  const rows = await ctx.prisma.auditTreeHead.findMany({ orderBy: { treeSize: 'desc' }, take: SHOWN });
  const signer = ctx.auditSequencer?.signer;
  return auditPage(view, {
    title: t(lang, 'audit.heads'),
    nav: ROUTES.audit.path,
    body: html`${result ?? ''}
      <section aria-labelledby="h-key">
        <h2 id="h-key">${t(lang, 'audit.publicKey')}</h2>
        ${
          signer
            ? html`<p>${t(lang, 'audit.keyId')}: <code class="sha">${signer.keyId}</code></p>
                <pre>${signer.publicKeyPem()}</pre>`
            : html`<p>${t(lang, 'audit.noKey')}</p>`
        }
      </section>
      <section aria-labelledby="h-heads">
        <h2 id="h-heads">${t(lang, 'audit.latestHeads', { n: SHOWN })}</h2>
        ${rows.length ? headsTable(lang, rows.map(headFromRow)) : html`<p>${t(lang, 'audit.noHeads')}</p>`}
      </section>
      <section aria-labelledby="h-upload">
        <h2 id="h-upload">${t(lang, 'audit.checkAgainst')}</h2>
        <p>${t(lang, 'audit.checkHint')}</p>
        <form method="post" action="${ROUTES.auditHeadsCheck.path}" class="stack">
          ${csrfField(view)}
          <div class="field">
            <label for="heads-file">${t(lang, 'audit.headsFile')}</label>
            <input id="heads-file" type="file" accept=".json,application/json" data-into="heads" />
          </div>
          <div class="field">
            <label for="heads">${t(lang, 'audit.headsText')}</label>
            <textarea
              id="heads"
              name="heads"
              class="json"
              ${issue ? html`aria-invalid="true" aria-describedby="heads-issue"` : ''}
            ></textarea>
            ${issue ? html`<p id="heads-issue" class="issue" role="alert" lang="en">${issue}</p>` : ''}
          </div>
          <button type="submit">${t(lang, 'audit.check')}</button>
        </form>
      </section>`,
  });
}

export function headsRoutes(scope: FastifyInstance, ctx: ConsoleContext): void {
  serve(scope, ROUTES.auditHeads, async (request) => renderHeads(ctx, requirePerson(request), null));

  serve(scope, ROUTES.auditHeadsCheck, async (request, reply) => {
    const view = requirePerson(request);
    let kept: KeptUpload;
    try {
      kept = parseKept(parseForm(checkForm, request.body).heads);
    } catch (error) {
      if (!(error instanceof InvalidInputError)) throw error;
      void reply.code(400);
      return renderHeads(ctx, view, null, error.issues.map((i) => i.message).join('; '));
    }
    // The key the auditor kept with the heads, when the file has one: the server's own key proves nothing about itself.
    const publicKey = kept.publicKey ?? ctx.auditSequencer?.signer.publicKey;
    const report = await verifyAuditLog(ctx.prisma, { publicKey, kept: kept.heads });
    return renderHeads(ctx, view, reportSection(view.lang, report, kept.heads.length));
  });
}
