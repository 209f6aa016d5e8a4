// Training mode's one action: skip the time-skipping server's clock ahead N days, then back to
// the page the person was on. Outside training mode the route answers 404: there is no clock to skip.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { HttpError } from '../api/http-error';
import { MAX_SKIP_DAYS } from '../training/clock';
import type { ConsoleContext } from './context';
import { TRAINING_ROUTES } from './routes';
import { parseForm, redirectLocal, serve } from './serve';

const skipForm = z.object({
  days: z.coerce.number().int().min(1).max(MAX_SKIP_DAYS),
  back: z.string().optional(),
});

export function trainingRoutes(scope: FastifyInstance, ctx: ConsoleContext): void {
  serve(scope, TRAINING_ROUTES.skipAhead, async (request, reply) => {
    if (!ctx.training) throw new HttpError(404, 'not-found', 'not in training mode: there is no clock to skip');
    const form = parseForm(skipForm, request.body);
    await ctx.training.skipAhead(form.days);
    redirectLocal(reply, form.back, '/');
  });
}
