// The case pages (inbox, case pages, action and launch forms), registered inside the console's
// scope: every route through serve() with its row of CASE_PAGE_ROUTES (client/console/routes.ts).
import type { FastifyInstance } from 'fastify';
import type { ConsoleContext } from '../context';
import { inboxRoutes } from './inbox';
import { caseRoutes } from './case';
import { launchRoutes } from './launch';
import { loanCheckRoutes } from './loan-checks';
import { evidenceRoutes } from './evidence';
import { rewardsPaidRoutes } from './rewards-paid';
import { evidenceFormRoutes } from './evidence-form';
import { noticeRoutes } from './notices';

export function registerCasePages(scope: FastifyInstance, ctx: ConsoleContext): void {
  inboxRoutes(scope, ctx);
  caseRoutes(scope, ctx);
  launchRoutes(scope, ctx);
  loanCheckRoutes(scope, ctx);
  evidenceRoutes(scope, ctx);
  rewardsPaidRoutes(scope, ctx);
  evidenceFormRoutes(scope, ctx);
  noticeRoutes(scope, ctx);
}
