// The reports' pages: the list of reports a role may read, each report's page (filters, a chart,
// its tables, a CSV and XLSX link under each table) and the downloads. Every figure comes from a
// query that aggregates in the database (case-reports.ts, money-reports.ts, loan-check-report.ts).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { Prisma } from '../../../prisma/generated/client';
import type { Caller } from '../../api/auth';
import { HttpError } from '../../api/http-error';
import type { ConsoleContext } from '../context';
import { html, type Html } from '../html';
import { t, type Lang } from '../i18n';
import { page } from '../layout';
import { REPORT_ROUTES } from '../routes';
import { parseForm, serve } from '../serve';
import { requirePerson, type ConsoleView } from '../session';
import { tableSectionHtml } from './table-html';
import { REPORTS, reportsFor, type Report } from './catalog';
import { tableCsv, tableXlsx } from './download';
import { CASE_UNIT, filterQuery, reportFiltersSchema, type ReportFilters } from './filters';
import type { ReportTable } from './table';

const STYLESHEET = '/assets/reports.css';

function reportsPage(view: ConsoleView, title: string, body: Html): Html {
  return page(view, {
    title,
    nav: REPORT_ROUTES.index.path,
    body: html`<link rel="stylesheet" href="${STYLESHEET}" />${body}`,
  });
}

/** The values the filters offer: the units and places the reader's own rows name. */
async function filterChoices(ctx: ConsoleContext, caller: Caller): Promise<{ units: string[]; places: string[] }> {
  if (caller.role === 'bank') {
    const banks = caller.scope && 'bankIds' in caller.scope ? [...caller.scope.bankIds] : [];
    const rows = banks.length
      ? await ctx.prisma.$queryRaw<Array<{ v: string }>>`
          SELECT DISTINCT "jurisdiction" AS v FROM "LoanCheck" WHERE "bankId" IN (${Prisma.join(banks)}) ORDER BY 1 LIMIT 500`
      : [];
    return { units: [], places: rows.map((r) => r.v) };
  }
  const [units, places] = await Promise.all([
    ctx.prisma.$queryRaw<Array<{ v: string }>>`
      SELECT DISTINCT ${CASE_UNIT} AS v FROM "Case" c WHERE ${CASE_UNIT} IS NOT NULL ORDER BY 1 LIMIT 500`,
    ctx.prisma.$queryRaw<Array<{ v: string }>>`
      SELECT v FROM (SELECT "jurisdiction" AS v FROM "Case" WHERE "jurisdiction" IS NOT NULL
        UNION SELECT "jurisdiction" FROM "LoanCheck") p ORDER BY 1 LIMIT 500`,
  ]);
  return { units: units.map((r) => r.v), places: places.map((r) => r.v) };
}

function choice(id: string, name: string, labelText: string, all: string, values: string[], current?: string): Html {
  const options = current && !values.includes(current) ? [current, ...values] : values;
  return html`<label for="${id}">${labelText}</label>
    <select id="${id}" name="${name}">
      <option value="">${all}</option>
      ${options.map((v) => html`<option value="${v}" ${v === current ? html`selected` : ''}>${v}</option>`)}
    </select>`;
}

async function filterForm(ctx: ConsoleContext, view: ConsoleView, report: Report, f: ReportFilters): Promise<Html> {
  const { lang } = view;
  const { units, places } = await filterChoices(ctx, view.caller);
  const has = (name: 'dates' | 'unit' | 'jurisdiction') => report.filters.includes(name);
  const all = t(lang, 'report.filter.all');
  return html`<form method="get" action="${report.page.path}" class="report-filters">
    ${
      has('dates')
        ? html`<span class="field">
              <label for="rf-from">${t(lang, 'report.filter.from')}</label>
              <input id="rf-from" name="from" type="date" value="${f.from ?? ''}" />
            </span>
            <span class="field">
              <label for="rf-to">${t(lang, 'report.filter.to')}</label>
              <input id="rf-to" name="to" type="date" value="${f.to ?? ''}" />
            </span>`
        : ''
    }
    ${
      has('unit')
        ? html`<span class="field"
            >${choice('rf-unit', 'unit', t(lang, 'report.filter.unit'), all, units, f.unit)}</span
          >`
        : ''
    }
    ${
      has('jurisdiction')
        ? html`<span class="field"
            >${choice('rf-place', 'jurisdiction', t(lang, 'report.filter.jurisdiction'), all, places, f.jurisdiction)}</span
          >`
        : ''
    }
    <button type="submit">${t(lang, 'report.filter.apply')}</button>
  </form>`;
}

function tableSection(lang: Lang, report: Report, table: ReportTable, f: ReportFilters): Html {
  const query = filterQuery(f);
  return tableSectionHtml(
    lang,
    table,
    (format) =>
      `${report.download.path}?${new URLSearchParams({ table: table.id, format })}${query ? `&${query}` : ''}`,
  );
}

function reportNav(view: ConsoleView, current?: Report): Html {
  const { lang } = view;
  return html`<nav class="report-nav" aria-label="${t(lang, 'report.nav')}">
    <ul>
      ${reportsFor(view.caller.role).map(
        (r) =>
          html`<li>
            <a href="${r.page.path}" ${r === current ? html`aria-current="page"` : ''}>${t(lang, r.title)}</a>
          </li>`,
      )}
    </ul>
  </nav>`;
}

async function load(ctx: ConsoleContext, request: FastifyRequest, view: ConsoleView, report: Report) {
  const filters = parseForm(reportFiltersSchema, request.query);
  const now = ctx.training ? await ctx.training.now() : new Date();
  const tables = await report.load({ prisma: ctx.prisma, filters, caller: view.caller, now });
  return { filters, tables };
}

const downloadQuery = z.object({ table: z.string().max(60), format: z.enum(['csv', 'xlsx']) });

export function reportRoutes(scope: FastifyInstance, ctx: ConsoleContext): void {
  serve(scope, REPORT_ROUTES.index, async (request) => {
    const view = requirePerson(request);
    const { lang } = view;
    return reportsPage(
      view,
      t(lang, 'report.index.title'),
      html`<ul class="report-list">
        ${reportsFor(view.caller.role).map(
          (r) => html`<li><a href="${r.page.path}">${t(lang, r.title)}</a> — ${t(lang, r.about)}</li>`,
        )}
      </ul>`,
    );
  });

  for (const report of REPORTS) {
    serve(scope, report.page, async (request) => {
      const view = requirePerson(request);
      const { lang } = view;
      const { filters, tables } = await load(ctx, request, view, report);
      return reportsPage(
        view,
        t(lang, report.title),
        html`${reportNav(view, report)}
          <p class="about">${t(lang, report.about)}</p>
          ${await filterForm(ctx, view, report, filters)}
          ${tables.map((table) => tableSection(lang, report, table, filters))}`,
      );
    });

    serve(scope, report.download, async (request, reply) => {
      const view = requirePerson(request);
      const { table: id, format } = parseForm(downloadQuery, {
        table: (request.query as Record<string, unknown>)?.table,
        format: (request.query as Record<string, unknown>)?.format,
      });
      const { tables } = await load(ctx, request, view, report);
      const table = tables.find((x) => x.id === id);
      if (!table) throw new HttpError(404, 'not-found', `report ${report.name} has no table ${id}`);
      const name = `${report.name}-${table.id}.${format}`;
      void reply.header('content-disposition', `attachment; filename="${name}"`);
      if (format === 'csv') return void reply.type('text/csv; charset=utf-8').send(tableCsv(view.lang, table));
      return void reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .send(await tableXlsx(view.lang, table));
    });
  }
}
