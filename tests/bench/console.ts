// Console figures for `npm run bench`: the inbox and a case page, data and HTML, with at least
// 10 000 open cases in the database (the licence bench's sleeping licences, plus a busy office's
// steps of every kind written as case rows). p95 over repeated reads, per database.
import type { Client } from '@temporalio/client';
import type { PrismaClient } from '../../prisma/generated/client';
import type { Caller } from '../../client/api/auth';
import { inboxQuerySchema, readInbox } from '../../client/console/inbox';
import { loadCasePage } from '../../client/console/case-page';
import { renderInboxPage } from '../../client/console/pages/inbox';
import { renderCasePage } from '../../client/console/pages/case';
import type { ConsoleView } from '../../client/console/session';

/** A person's view as the console builds it for a request: the pages render with it. */
function viewAs(caller: Caller): ConsoleView {
  return {
    person: { userId: caller.id, login: caller.id, name: caller.id, email: null, language: 'zh', roles: [caller] },
    caller,
    lang: 'zh',
    csrfToken: 'x'.repeat(32),
  };
}
import { busyOffice, insertCaseRows } from '../support/case-rows';

export interface ConsoleBench {
  openCases: number;
  inboxP50Ms: number;
  inboxP95Ms: number;
  caseP50Ms: number;
  caseP95Ms: number;
  reads: number;
}

/** The id prefix of the rows written here (they have no workflow behind them). */
const OFFICE = 'bench-office-';

const quantile = (xs: number[], q: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))];

export async function consoleBench(
  client: Client,
  prisma: PrismaClient,
  say: (s: string) => void,
  reads = Number(process.env.BENCH_CONSOLE_READS ?? 200),
): Promise<ConsoleBench> {
  const open = async () => prisma.case.count({ where: { NOT: { pendingRoles: { isEmpty: true } } } });
  const missing = Math.max(0, 10_000 - (await open()));
  // One shape in seven (a licence paying, no step open) has nobody to wait for: write enough that
  // at least 10 000 steps are open, and never fewer than 10 000 rows.
  const synthetic = Math.max(Math.ceil((missing * 7) / 6) + 7, 10_000);
  say(`console: writing ${synthetic} case rows of every kind (a busy office)…`);
  await insertCaseRows(prisma, busyOffice(synthetic, new Date(), `${OFFICE}${Date.now().toString(36)}`));
  const openCases = await open();
  const callers: Caller[] = [
    { id: 'tto-1', role: 'tto', scope: null },
    { id: 'dept-1', role: 'department', scope: null },
    { id: 'com-1', role: 'committee', scope: null },
    { id: 'rev-1', role: 'reviewer', scope: null },
    { id: 'lic-1', role: 'licensee', scope: { licenseeId: 'Licensee 7' } },
  ];
  const queries = [{}, { overdue: 'on' }, { kind: 'rights-grant' }, { page: '3' }, { mine: 'on' }];
  const inboxMs: number[] = [];
  say(`console: ${reads} inbox pages (5 roles × 5 filters)…`);
  for (let i = 0; i < reads + 20; i++) {
    const caller = callers[i % callers.length];
    const query = inboxQuerySchema.parse(queries[Math.floor(i / callers.length) % queries.length]);
    const t0 = performance.now();
    const inbox = await readInbox(prisma, caller, query);
    renderInboxPage(viewAs(caller), inbox, query);
    if (i >= 20) inboxMs.push(performance.now() - t0); // the first 20 warm up
  }
  // Case pages of running cases: each read queries its workflow, as the page does.
  const running = await prisma.case.findMany({
    // Real licences (the licence bench's, or any launched): the written rows have no workflow behind them.
    where: { kind: 'deferred-licence', NOT: [{ pendingRoles: { isEmpty: true } }, { id: { startsWith: OFFICE } }] },
    select: { id: true },
    take: reads,
  });
  const ids = running.length ? running.map((r) => r.id) : [];
  const caseMs: number[] = [];
  const tto = callers[0];
  say(`console: ${ids.length} case pages of running licences…`);
  for (const [i, id] of ids.entries()) {
    const t0 = performance.now();
    const page = await loadCasePage({ prisma, temporal: client }, tto, id);
    renderCasePage(viewAs(tto), page);
    if (i >= 10) caseMs.push(performance.now() - t0);
  }
  return {
    openCases,
    inboxP50Ms: quantile(inboxMs, 0.5),
    inboxP95Ms: quantile(inboxMs, 0.95),
    caseP50Ms: caseMs.length ? quantile(caseMs, 0.5) : NaN,
    caseP95Ms: caseMs.length ? quantile(caseMs, 0.95) : NaN,
    reads,
  };
}
