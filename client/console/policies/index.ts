// The policy pages, registered inside the console's scope through serve() with their rows of
// POLICY_PAGE_ROUTES (client/console/routes.ts).
import type { FastifyInstance } from 'fastify';
import type { ConsoleContext } from '../context';
import { policyPageRoutes } from './pages';
import { whatIfRoutes } from './what-if';

export function registerPolicyPages(scope: FastifyInstance, ctx: ConsoleContext): void {
  whatIfRoutes(scope, ctx);
  policyPageRoutes(scope, ctx);
}
