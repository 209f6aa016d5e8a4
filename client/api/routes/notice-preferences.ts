// A person's notice choices through the token their optional notices carry (no sign-in needed,
// as a mail link must work from any mail client): unsubscribe from one kind of optional notice
// (one click, RFC 8058), or choose a daily digest instead of one mail each. Default notices —
// payment due, overdue, default, escalation — cannot be turned off. Public operations: the token
// is the credential, as in every unsubscribe link.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { parseInput } from '../../issues';
import type { ApiContext } from '../context';
import { HttpError } from '../http-error';
import { input, type Operation } from '../operation';
import { OPTIONAL_EVENTS } from '../../../activities/notices/notice-events';
import { escapeHtml } from '../../console/html';

// Keys are 24 random bytes in base64url (activities/notices/outbox.ts): anything else is refused as
// input before it reaches the database (a NUL byte there was a 500 under schemathesis).
const token = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9_-]{16,100}$/, 'an unsubscribe key is 16–100 characters of A–Z, a–z, 0–9, "-" and "_"');
const optionalEvent = z.enum(OPTIONAL_EVENTS as unknown as [string, ...string[]], {
  error: `only optional notices can be turned off (${OPTIONAL_EVENTS.join(', ')}); default notices cannot`,
});
export const unsubscribeQuery = z.object({ key: token, event: optionalEvent }).strict();
export const preferencesSchema = z
  .object({ key: token, digest: z.boolean().optional(), muted: z.array(optionalEvent).max(10).optional() })
  .strict();

export const NOTICE_PREFERENCE_OPERATIONS = {
  unsubscribePage: {
    method: 'get',
    path: '/v1/notices/unsubscribe',
    tags: ['notices'],
    roles: 'public',
    action: 'see the unsubscribe page',
    query: unsubscribeQuery,
    summary: 'The page an optional notice links to: confirms before unsubscribing (mail scanners follow links)',
    responses: {
      '200': { description: 'An HTML page with the confirming button' },
      '404': { description: 'Unknown key' },
    },
  },
  unsubscribe: {
    method: 'post',
    path: '/v1/notices/unsubscribe',
    tags: ['notices'],
    roles: 'public',
    action: 'unsubscribe',
    query: unsubscribeQuery,
    summary: 'Stop one kind of optional notice for the person whose key this is (one-click, RFC 8058)',
    responses: { '200': { description: 'Unsubscribed' }, '404': { description: 'Unknown key' } },
  },
  preferences: {
    method: 'post',
    path: '/v1/notices/preferences',
    tags: ['notices'],
    roles: 'public',
    action: 'set notice preferences',
    summary: 'A daily digest instead of one mail per optional notice, and the optional notices muted',
    body: { json: [input('NoticePreferences', preferencesSchema)], example: { key: 'x'.repeat(32), digest: true } },
    responses: { '200': { description: 'The preferences now' }, '404': { description: 'Unknown key' } },
  },
} satisfies Record<string, Operation>;

export function noticePreferenceRoutes(app: FastifyInstance, ctx: ApiContext): void {
  const byKey = async (key: string) => {
    const pref = await ctx.prisma.noticePreference.findUnique({ where: { unsubscribeKey: key } });
    if (!pref) throw new HttpError(404, 'not-found', 'no such unsubscribe key');
    return pref;
  };

  app.get('/v1/notices/unsubscribe', async (request, reply) => {
    const q = parseInput(unsubscribeQuery, request.query);
    await byKey(q.key);
    const action = `/v1/notices/unsubscribe?key=${encodeURIComponent(q.key)}&event=${encodeURIComponent(q.event)}`;
    reply.type('text/html; charset=utf-8');
    return `<!doctype html><html><head><meta charset="utf-8"><title>Unsubscribe · 退订</title></head><body>
<p>不再接收“${escapeHtml(q.event)}”通知？ / Stop ${escapeHtml(q.event)} notices?</p>
<form method="post" action="${escapeHtml(action)}"><button type="submit">退订 / Unsubscribe</button></form>
</body></html>`;
  });

  // A one-click unsubscribe posts a form body; it carries nothing this route needs.
  app.register(async (scope) => {
    scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) =>
      done(null, body),
    );
    scope.post('/v1/notices/unsubscribe', async (request) => {
      const q = parseInput(unsubscribeQuery, request.query);
      const pref = await byKey(q.key);
      await ctx.prisma.$transaction([
        ctx.prisma.noticePreference.update({
          where: { personId: pref.personId },
          data: { muted: [...new Set([...pref.muted, q.event])] },
        }),
        // Those of that kind still waiting are not sent either.
        ctx.prisma.notice.updateMany({
          where: { personId: pref.personId, event: q.event, status: { in: ['pending', 'digest'] } },
          data: { status: 'skipped' },
        }),
      ]);
      return { unsubscribed: q.event };
    });
  });

  app.post('/v1/notices/preferences', async (request) => {
    const body = parseInput(preferencesSchema, request.body);
    const pref = await byKey(body.key);
    const next = await ctx.prisma.noticePreference.update({
      where: { personId: pref.personId },
      data: {
        ...(body.digest !== undefined ? { digest: body.digest } : {}),
        ...(body.muted !== undefined ? { muted: body.muted } : {}),
      },
    });
    return { digest: next.digest, muted: next.muted };
  });
}
