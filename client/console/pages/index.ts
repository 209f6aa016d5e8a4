// The case pages (inbox, case pages, action and launch forms), registered inside the console's
// scope: every route through serve() with its row of CASE_PAGE_ROUTES (client/console/routes.ts).
import type { FastifyInstance } from 'fastify';
import type { ConsoleContext } from '../context';

export function registerCasePages(_scope: FastifyInstance, _ctx: ConsoleContext): void {}
