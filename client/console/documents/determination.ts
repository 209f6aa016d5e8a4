// The committee's determination letter of an exemption review (尽职免责认定决定书): the transfer and
// what raised the review, each applicant's preliminary finding and the committee's outcome with its
// reason, the documents the determination cites (with their SHA-256), and the corrective actions.
// Printable once the committee has determined.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { getPack, packHash } from '../../../policies/registry';
import type { ReviewView } from '../../../workflows/diligence-exemption-definitions';
import { HttpError } from '../../api/http-error';
import { loadCasePage } from '../case-page';
import type { ConsoleContext } from '../context';
import { html, type Html } from '../html';
import { formatDate, t, type Lang } from '../i18n';
import { DOCUMENT_ROUTES } from '../routes';
import { serve } from '../serve';
import { requirePerson, type ConsoleView } from '../session';
import { documentHtml } from './layout';
import { fileSafe, langOf } from './loan-opinion';
import { printPdf } from './print-pdf';
import { hashRecord, type HashedRecord } from './record';

interface Facts {
  transfer: ReviewView['request']['transfer'];
  trigger: ReviewView['request']['trigger'];
  applicants: Array<{ name: string; role: string; preliminary: string | null; outcome: string; reason: string | null }>;
  determinedBy: { id: string; role: string };
  determinedAt: string;
  evidence: Array<{ name: string; sha256: string }>;
  correctiveActions: Array<{ description: string; owner: string; dueOn: string }>;
}

export async function determinationRecord(ctx: ConsoleContext, view: ConsoleView, id: string): Promise<HashedRecord> {
  const page = await loadCasePage(ctx, view.caller, id);
  const v = page.view as ReviewView;
  if (page.kind !== 'diligence-exemption' || !v.determination)
    throw new HttpError(
      409,
      'not-determined',
      `case ${page.caseId} has no determination to print (not an exemption review the committee has determined)`,
    );
  const d = v.determination;
  const pack = getPack(v.policy);
  const preliminary = new Map((v.preliminary ?? []).map((p) => [p.person, p.decision.decision]));
  const facts: Facts = {
    transfer: v.request.transfer,
    trigger: v.request.trigger,
    applicants: v.request.applicants.map((a) => {
      const o = d.outcomes.find((x) => x.person === a.name);
      return {
        name: a.name,
        role: a.role,
        preliminary: preliminary.get(a.name) ?? null,
        outcome: o?.outcome ?? '',
        reason: o?.reason ?? null,
      };
    }),
    determinedBy: d.actor,
    determinedAt: d.at,
    evidence: d.evidence.map((e) => ({ name: e.name, sha256: e.sha256 })),
    correctiveActions: v.correctiveActions.map((c) => ({ description: c.description, owner: c.owner, dueOn: c.dueOn })),
  };
  return hashRecord({
    document: 'diligence-exemption-determination',
    format: 1,
    caseId: page.caseId,
    pack: { id: pack.id, version: pack.version, hash: packHash(pack), title: pack.title },
    facts: facts as unknown as Record<string, unknown>,
  });
}

export function determinationHtml(lang: Lang, hashed: HashedRecord, jsonPath: string): Html {
  const f = hashed.record.facts as unknown as Facts;
  const on = formatDate(lang, new Date(f.determinedAt));
  const body = html`<p class="indent">
      ${t(lang, 'doc.determination.intro', {
        pack: hashed.record.pack.title,
        title: f.transfer.title,
        pricing: t(lang, `value.${f.transfer.pricing}`),
        decidedOn: formatDate(lang, f.transfer.decidedOn),
        trigger: t(lang, `value.${f.trigger.kind}`),
        description: f.trigger.description,
      })}
    </p>
    <table class="checks">
      <tr>
        <th>${t(lang, 'doc.determination.applicant')}</th>
        <th>${t(lang, 'doc.determination.preliminary')}</th>
        <th>${t(lang, 'doc.determination.outcome')}</th>
        <th>${t(lang, 'doc.determination.reason')}</th>
      </tr>
      ${f.applicants.map(
        (a) =>
          html`<tr>
            <td>${a.name}（${t(lang, `value.${a.role}`)}）</td>
            <td>${a.preliminary ? t(lang, `decision.${a.preliminary}`) : '—'}</td>
            <td><strong>${t(lang, `value.${a.outcome}`)}</strong></td>
            <td>${a.reason ?? '—'}</td>
          </tr>`,
      )}
    </table>
    ${
      f.correctiveActions.length
        ? html`<p>${t(lang, 'doc.determination.corrective')}</p>
            <ol>
              ${f.correctiveActions.map(
                (c) => html`<li>${c.description}（${c.owner}，${formatDate(lang, c.dueOn)}）</li>`,
              )}
            </ol>`
        : ''
    }
    ${
      f.evidence.length
        ? html`<p>${t(lang, 'doc.determination.evidence')}</p>
            <ul>
              ${f.evidence.map((e) => html`<li>${e.name} <code>${e.sha256}</code></li>`)}
            </ul>`
        : ''
    }
    <p class="indent">${t(lang, 'doc.determination.closing')}</p>
    <p class="sign">${t(lang, 'doc.determination.sign')}<br />${f.determinedBy.id}<br />${on}</p>`;
  return documentHtml(lang, t(lang, 'doc.determination.title'), body, hashed, jsonPath);
}

const jsonPathOf = (id: string) => DOCUMENT_ROUTES.determinationJson.path.replace(':id', encodeURIComponent(id));

export function determinationRoutes(scope: FastifyInstance, ctx: ConsoleContext): void {
  const idOf = (request: FastifyRequest) => (request.params as { id: string }).id;

  serve(scope, DOCUMENT_ROUTES.determinationJson, async (request, reply) => {
    const hashed = await determinationRecord(ctx, requirePerson(request), idOf(request));
    void reply.type('application/json; charset=utf-8').header('x-content-sha256', hashed.sha256).send(hashed.json);
  });

  serve(scope, DOCUMENT_ROUTES.determinationPdf, async (request, reply) => {
    const id = idOf(request);
    const hashed = await determinationRecord(ctx, requirePerson(request), id);
    const pdf = await printPdf(determinationHtml(langOf(request), hashed, jsonPathOf(id)).text);
    void reply
      .type('application/pdf')
      .header('content-disposition', `inline; filename="determination-${fileSafe(id)}.pdf"`)
      .header('x-content-sha256', hashed.sha256)
      .send(pdf);
  });
}
