// Launching a case and acting on one, as the API's routes do and the console's forms do too: one
// function each, so a decision made in the console goes through exactly the checks, client
// functions and workflow update of an API call with the same caller (recorded alike).
import type { Caller } from './auth';
import { caseIdClaimer } from '../case-claim';
import { caseIdSchema, type LaunchedCase } from '../case-id';
import { InvalidInputError } from '../issues';
import { actorOf } from '../actor';
import { requireCaseAccess, type ApiContext } from './context';
import { HttpError } from './http-error';
import { CASE_KINDS, caseIdOf, currentCase, type AnyView } from './case-kinds';

/** Launches a case of `kind` for the caller (its role already checked): the launch and the case's first view. */
export async function launchCase(
  ctx: ApiContext,
  caller: Caller,
  kind: string,
  body: unknown,
): Promise<{ launched: LaunchedCase; view: AnyView }> {
  const known = Object.hasOwn(CASE_KINDS, kind) ? kind : undefined;
  const claim = caseIdClaimer(ctx.prisma);
  if (!known)
    throw new HttpError(
      404,
      'not-found',
      `no kind of case "${kind}"; available: ${Object.keys(CASE_KINDS).join(', ')}`,
    );
  const kindOf = CASE_KINDS[known];
  // A case id names one case of one kind: refuse before starting anything under another kind.
  const claimed = caseIdSchema.safeParse((body as { caseId?: unknown } | null)?.caseId);
  if (claimed.success) {
    const other = await ctx.prisma.case.findUnique({ where: { id: claimed.data }, select: { kind: true } });
    if (other && other.kind !== kind)
      throw new HttpError(409, 'case-exists', `case ${claimed.data} is a ${other.kind} case; choose another caseId`);
  }
  const linked = (body as { linkedCaseId?: unknown } | null)?.linkedCaseId;
  if (kind === 'diligence-exemption' && typeof linked === 'string') {
    const row = await ctx.prisma.case.findUnique({ where: { id: linked }, select: { kind: true } });
    if (!row || row.kind === 'diligence-exemption') {
      throw new InvalidInputError([
        {
          path: 'linkedCaseId',
          message: row
            ? 'a review is raised from a rights-grant or licence case, not from another review'
            : `no case ${linked}`,
        },
      ]);
    }
  }
  // The launch claims the case id before it starts a workflow: a concurrent launch of the same id
  // under another kind, or with another request, is refused there (409) and starts nothing.
  const launched = await kindOf.launch(ctx.temporal, body, actorOf(caller), claim, ctx.prisma);
  const existing = await ctx.prisma.case.findUnique({
    where: { id: launched.caseId },
    select: { requestHash: true, kind: true },
  });
  if (existing && (existing.kind !== kind || existing.requestHash !== launched.requestHash)) {
    throw new HttpError(
      409,
      'case-exists',
      `case ${launched.caseId} already exists with a different request; choose another caseId`,
    );
  }
  const view = await kindOf.view(ctx.temporal, launched.caseId, 10_000);
  if (!view || view.caseId !== launched.caseId)
    throw new HttpError(409, 'case-exists', `case ${launched.caseId} belongs to another request`);
  return { launched, view };
}

/** Hands an action to the case for the caller (its role already checked), as POST /v1/cases/{id}/actions does. */
export async function actOnCaseAs(ctx: ApiContext, caller: Caller, rawId: string, body: unknown): Promise<AnyView> {
  const caseId = caseIdOf(rawId);
  await requireCaseAccess(ctx, caller, caseId);
  const { kind, running } = await currentCase(ctx, caseId);
  if (!running) throw new HttpError(409, 'invalid-state', `case ${caseId} has ended: nothing can be decided any more`);
  return CASE_KINDS[kind].act(ctx.temporal, caseId, body, actorOf(caller), ctx.evidence!);
}
