// The publicity notice (公示) of a rights grant: which result, whose, what is granted and in what
// form, the period (the pack's working days, ending on the date the workflow counted with the
// holiday calendar) and how to object. Printable once the case has reached publicity.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { getPack, packHash } from '../../../policies/registry';
import type { RightsGrantInput } from '../../../policies/rights-grant/input-schema';
import type { RightsGrantParameters } from '../../../policies/rights-grant/parameters';
import type { RightsGrantView } from '../../../workflows/rights-grant-definitions';
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

export async function publicityRecord(ctx: ConsoleContext, view: ConsoleView, id: string): Promise<HashedRecord> {
  const page = await loadCasePage(ctx, view.caller, id);
  const v = page.view as RightsGrantView;
  if (page.kind !== 'rights-grant' || !v.publicityEndsOn)
    throw new HttpError(
      409,
      'not-in-publicity',
      `case ${page.caseId} has no publicity to print (not a rights grant in or past publicity)`,
    );
  const row = await ctx.prisma.case.findUnique({ where: { id: page.caseId }, select: { input: true } });
  const input = row!.input as unknown as RightsGrantInput;
  const pack = getPack(v.eligibility.policy);
  // Publicity opens when the office approves; an objection sends the case back, so the last approval counts.
  const opened = page.timeline.filter((e) => e.stage === 'office-review' && e.action === 'approve').at(-1);
  return hashRecord({
    document: 'rights-grant-publicity',
    format: 1,
    caseId: page.caseId,
    pack: { id: pack.id, version: pack.version, hash: packHash(pack), title: pack.title },
    facts: {
      unit: input.unit.name,
      result: { title: input.result.title, kind: input.result.kind },
      inventors: input.inventors.map((i) => ({ name: i.name, share: i.share })),
      grant: input.grant,
      publicity: {
        opensAt: opened?.at ?? null,
        endsOn: v.publicityEndsOn,
        workingDays: (pack.parameters as RightsGrantParameters).publicityWorkingDays,
        endAssumed: v.publicityEndsOnAssumed ?? false,
      },
    },
  });
}

const percent = (share: number) => `${Math.round(share * 10000) / 100}%`;

export function publicityHtml(lang: Lang, hashed: HashedRecord, jsonPath: string): Html {
  const f = hashed.record.facts as {
    unit: string;
    result: { title: string; kind: string };
    inventors: Array<{ name: string; share: number }>;
    grant: RightsGrantInput['grant'];
    publicity: { opensAt: string | null; endsOn: string; workingDays: number; endAssumed: boolean };
  };
  const form =
    f.grant.form === 'ownership'
      ? t(lang, 'doc.publicity.ownership', { share: percent(f.grant.teamShare) })
      : t(lang, 'doc.publicity.longTermUse', { years: f.grant.years });
  const title = t(lang, 'doc.publicity.title');
  const from = f.publicity.opensAt ? formatDate(lang, new Date(f.publicity.opensAt)) : '—';
  const body = html`<p class="indent">
      ${t(lang, 'doc.publicity.intro', { unit: f.unit, pack: hashed.record.pack.title, form })}
    </p>
    <table>
      <tr>
        <th>${t(lang, 'field.result.title')}</th>
        <td>${f.result.title}</td>
      </tr>
      <tr>
        <th>${t(lang, 'field.result.kind')}</th>
        <td>${t(lang, `value.${f.result.kind}`)}</td>
      </tr>
      <tr>
        <th>${t(lang, 'field.unit.name')}</th>
        <td>${f.unit}</td>
      </tr>
      <tr>
        <th>${t(lang, 'doc.publicity.inventors')}</th>
        <td>${f.inventors.map((i) => `${i.name}（${percent(i.share)}）`).join('、')}</td>
      </tr>
      <tr>
        <th>${t(lang, 'doc.publicity.form')}</th>
        <td>${form}</td>
      </tr>
      <tr>
        <th>${t(lang, 'doc.publicity.period')}</th>
        <td>
          ${t(lang, 'doc.publicity.periodText', { from, to: formatDate(lang, f.publicity.endsOn), days: f.publicity.workingDays })}
          ${f.publicity.endAssumed ? html`<br />${t(lang, 'doc.publicity.endAssumed')}` : ''}
        </td>
      </tr>
    </table>
    <p class="indent">${t(lang, 'doc.publicity.objections')}</p>
    <p class="sign">${f.unit}<br />${from}</p>`;
  return documentHtml(lang, title, body, hashed, jsonPath);
}

const jsonPathOf = (id: string) => DOCUMENT_ROUTES.publicityJson.path.replace(':id', encodeURIComponent(id));

export function publicityRoutes(scope: FastifyInstance, ctx: ConsoleContext): void {
  const idOf = (request: FastifyRequest) => (request.params as { id: string }).id;

  serve(scope, DOCUMENT_ROUTES.publicityJson, async (request, reply) => {
    const hashed = await publicityRecord(ctx, requirePerson(request), idOf(request));
    void reply.type('application/json; charset=utf-8').header('x-content-sha256', hashed.sha256).send(hashed.json);
  });

  serve(scope, DOCUMENT_ROUTES.publicityPdf, async (request, reply) => {
    const id = idOf(request);
    const hashed = await publicityRecord(ctx, requirePerson(request), id);
    const pdf = await printPdf(publicityHtml(langOf(request), hashed, jsonPathOf(id)).text);
    void reply
      .type('application/pdf')
      .header('content-disposition', `inline; filename="publicity-${fileSafe(id)}.pdf"`)
      .header('x-content-sha256', hashed.sha256)
      .send(pdf);
  });
}
