// Webhook endpoints for machine clients (a bank, a licensee, the office's own systems): register
// one (its secret shown once), list one's own, read an endpoint's delivery log, and redeliver a
// delivery. An endpoint belongs to the key that registered it and carries that key's scope: a
// licensee's endpoint hears of its own licences only, a bank's of its own loan checks only.
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { parseInput, InvalidInputError } from '../../issues';
import { requireRole, type ApiContext } from '../context';
import type { Caller } from '../auth';
import { HttpError } from '../http-error';
import { input, type Operation } from '../operation';
import { WEBHOOK_EVENTS } from '../../../activities/notices/webhook-outbox';
import { newWebhookSecret } from '../../webhooks/signature';
import { sealSecret } from '../../webhooks/secret-box';
import { assertSafeWebhookUrl, UnsafeWebhookUrlError } from '../../webhooks/ssrf';
import { config } from '../../config';

const ROLES = ['bank', 'licensee', 'tto', 'admin'] as const;
const TAGS = ['webhooks'];
const NOT_YOURS = { description: 'No such endpoint or delivery of this key' };

export const webhookEndpointSchema = z
  .object({
    url: z.string().trim().min(1).max(2000),
    events: z.array(z.enum(WEBHOOK_EVENTS)).min(1).max(WEBHOOK_EVENTS.length),
  })
  .strict();

export const WEBHOOK_OPERATIONS = {
  register: {
    method: 'post',
    path: '/v1/webhooks',
    tags: TAGS,
    roles: ROLES,
    action: 'register webhooks',
    // The endpoint is the caller's own and carries the caller's scope.
    scope: 'none',
    summary: 'Register an endpoint (https, public address); the signing secret is in this answer only',
    body: {
      json: [input('WebhookEndpoint', webhookEndpointSchema)],
      example: { url: 'https://hooks.example.com/transferflow', events: ['licence.overdue'] },
    },
    responses: { '201': { description: 'The endpoint with its secret (shown once)' } },
  },
  list: {
    method: 'get',
    path: '/v1/webhooks',
    tags: TAGS,
    roles: ROLES,
    action: 'list webhooks',
    scope: 'listing',
    summary: 'The endpoints this key registered (without their secrets)',
    responses: { '200': { description: 'Endpoints' } },
  },
  deliveries: {
    method: 'get',
    path: '/v1/webhooks/{id}/deliveries',
    tags: TAGS,
    roles: ROLES,
    action: 'read webhook deliveries',
    scope: 'own-endpoint',
    pathParams: ['id'],
    summary: 'The delivery log of an endpoint: each delivery, its status and every attempt with its status code',
    responses: { '200': { description: 'Deliveries, newest first' }, '404': NOT_YOURS },
  },
  redeliver: {
    method: 'post',
    path: '/v1/webhook-deliveries/{id}/redeliver',
    tags: TAGS,
    roles: ROLES,
    action: 'redeliver webhooks',
    scope: 'own-endpoint',
    pathParams: ['id'],
    summary: 'Send a delivery again (a new round of attempts with the same id and body)',
    responses: { '202': { description: 'Queued' }, '404': NOT_YOURS },
  },
} satisfies Record<string, Operation>;

const scopeOf = (caller: Caller) => ({
  bankIds: caller.scope && 'bankIds' in caller.scope ? [...caller.scope.bankIds] : [],
  licenseeId: caller.scope && 'licenseeId' in caller.scope ? caller.scope.licenseeId : null,
});

export function webhookRoutes(app: FastifyInstance, ctx: ApiContext): void {
  const ownEndpoint = async (caller: Caller, id: string) => {
    const ep = await ctx.prisma.webhookEndpoint.findUnique({ where: { id } });
    if (!ep || ep.ownerId !== caller.id) throw new HttpError(404, 'not-found', `no webhook endpoint ${id}`);
    return ep;
  };

  app.post('/v1/webhooks', async (request, reply) => {
    const caller = requireRole(ctx, request, WEBHOOK_OPERATIONS.register);
    const body = parseInput(webhookEndpointSchema, request.body);
    try {
      await assertSafeWebhookUrl(body.url, { allowLoopback: config().webhooks.allowLoopback });
    } catch (error) {
      if (error instanceof UnsafeWebhookUrlError)
        throw new InvalidInputError([{ path: 'url', message: error.message }]);
      throw error;
    }
    const secret = newWebhookSecret();
    const ep = await ctx.prisma.webhookEndpoint.create({
      data: {
        id: `wh_${randomUUID()}`,
        ownerId: caller.id,
        role: caller.role,
        ...scopeOf(caller),
        url: body.url,
        events: [...new Set(body.events)],
        // Encrypted at rest when a key is configured; the client sees it this once, in clear.
        secret: sealSecret(secret, config().webhooks.secretKey),
      },
    });
    reply.code(201);
    return { id: ep.id, url: ep.url, events: ep.events, secret, createdAt: ep.createdAt.toISOString() };
  });

  app.get('/v1/webhooks', async (request) => {
    const caller = requireRole(ctx, request, WEBHOOK_OPERATIONS.list);
    const rows = await ctx.prisma.webhookEndpoint.findMany({
      where: { ownerId: caller.id },
      orderBy: { createdAt: 'asc' },
    });
    return {
      items: rows.map((ep) => ({
        id: ep.id,
        owner: ep.ownerId,
        url: ep.url,
        events: ep.events,
        disabled: ep.disabled,
        createdAt: ep.createdAt.toISOString(),
      })),
    };
  });

  app.get<{ Params: { id: string } }>('/v1/webhooks/:id/deliveries', async (request) => {
    const caller = requireRole(ctx, request, WEBHOOK_OPERATIONS.deliveries);
    const ep = await ownEndpoint(caller, request.params.id);
    const rows = await ctx.prisma.webhookDelivery.findMany({
      where: { endpointId: ep.id },
      orderBy: { createdAt: 'desc' },
      take: 200,
    });
    const attempts = await ctx.prisma.webhookAttempt.findMany({
      where: { deliveryId: { in: rows.map((r) => r.id) } },
      orderBy: [{ round: 'asc' }, { attempt: 'asc' }],
    });
    return {
      endpointId: ep.id,
      items: rows.map((d) => ({
        id: d.id,
        event: d.event,
        caseId: d.caseId,
        status: d.status,
        round: d.round,
        attempts: attempts
          .filter((a) => a.deliveryId === d.id)
          .map((a) => ({
            round: a.round,
            attempt: a.attempt,
            at: a.at.toISOString(),
            statusCode: a.statusCode,
            error: a.error,
          })),
        lastStatusCode: d.lastStatusCode,
        deliveredAt: d.deliveredAt?.toISOString() ?? null,
        body: d.body,
      })),
    };
  });

  app.post<{ Params: { id: string } }>('/v1/webhook-deliveries/:id/redeliver', async (request, reply) => {
    const caller = requireRole(ctx, request, WEBHOOK_OPERATIONS.redeliver);
    const d = await ctx.prisma.webhookDelivery.findUnique({ where: { id: request.params.id } });
    const ep = d && (await ctx.prisma.webhookEndpoint.findUnique({ where: { id: d.endpointId } }));
    if (!d || !ep || ep.ownerId !== caller.id)
      throw new HttpError(404, 'not-found', `no webhook delivery ${request.params.id}`);
    // A new round: the dispatcher starts its workflow; the id and body stay, so the receiver can tell a repeat.
    const next = await ctx.prisma.webhookDelivery.update({
      where: { id: d.id },
      data: { round: { increment: 1 }, status: 'pending', dispatchedAt: null, deliveredAt: null },
    });
    reply.code(202);
    return { id: d.id, round: next.round, status: 'pending' };
  });
}
