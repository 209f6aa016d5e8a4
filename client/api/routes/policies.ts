// The policy packs in the registry, each with its hash: what a decision's `policy` refers to.
import type { FastifyInstance } from 'fastify';
import { allPacks, packHash } from '../../../policies/registry';
import { requireRole, type ApiContext } from '../context';
import { ANY_ROLE, type Operation } from '../operation';

export const POLICY_OPERATIONS = {
  list: {
    method: 'get',
    path: '/v1/policies',
    tags: ['policies'],
    roles: ANY_ROLE,
    action: 'list policies',
    scope: 'none',
    summary: 'The policy packs with scope, dates, sources and confidence',
    responses: { '200': { description: 'Packs' } },
  },
} satisfies Record<string, Operation>;

export function policyRoutes(app: FastifyInstance, ctx: ApiContext): void {
  app.get('/v1/policies', async (request) => {
    requireRole(ctx, request, POLICY_OPERATIONS.list);
    return { items: allPacks().map((p) => ({ ...p, hash: packHash(p) })) };
  });
}
