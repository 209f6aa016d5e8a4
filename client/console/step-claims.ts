// Claim and release of a case's open step, so two officers do not work the same step. One holder
// per case and stage (the StepClaim row's key): the first insert wins, a second person is told who
// holds it. A claim does not stop anyone the step names from deciding — the workflow alone decides
// who may act — it tells colleagues who is on it. Each claim and release is appended to the audit
// log under the case's workflow id, so the case's timeline shows who took it and when.
import type { PrismaClient } from '../../prisma/generated/client';
import type { Caller } from '../api/auth';
import { HttpError } from '../api/http-error';
import { departmentOf, licenseeOf } from '../api/context';
import { caseDepartment } from '../department';
import { CaseConflictError } from '../case-conflict';
import { licenceOrganisation } from '../licensee';
import { appendAuditEvent } from '../../activities/audit-log';
import { actorOf } from '../actor';
import { STEP_KINDS } from './inbox';

export type ClaimOutcome = 'claimed' | 'held';

interface OpenStep {
  caseId: string;
  kind: string;
  workflowId: string;
  stage: string;
}

/** The case's open step if the caller's role may work on it (its roles name it; admin any), else why not. */
async function openStepFor(prisma: PrismaClient, caller: Caller, caseId: string): Promise<OpenStep> {
  const row = await prisma.case.findUnique({
    where: { id: caseId },
    select: { kind: true, workflowId: true, stage: true, pendingRoles: true, input: true },
  });
  const licensee = licenseeOf(caller);
  // Out of scope is as if absent, as on the API (client/api/context.ts requireCaseAccess).
  const department = departmentOf(caller);
  if (
    !row ||
    !Object.hasOwn(STEP_KINDS, row.kind) ||
    (licensee && licenceOrganisation(row.input) !== licensee) ||
    (department && caseDepartment(row.kind, row.input) !== department)
  )
    throw new HttpError(404, 'not-found', `no case ${caseId}`);
  if (!row.pendingRoles.length)
    throw new CaseConflictError(`case ${caseId} has no open step at ${row.stage}`, 'invalid-state');
  if (caller.role !== 'admin' && !row.pendingRoles.includes(caller.role))
    throw new CaseConflictError(
      `role ${caller.role} does not work on the ${row.stage} step (its roles: ${row.pendingRoles.join(', ')})`,
      'forbidden',
    );
  return { caseId, kind: row.kind, workflowId: row.workflowId, stage: row.stage };
}

/** Claims the case's open step for the caller: 'claimed', or 'held' when they hold it already; refused naming the holder otherwise. */
export async function claimStep(
  prisma: PrismaClient,
  caller: Caller,
  caseId: string,
  now = new Date(),
): Promise<ClaimOutcome> {
  const step = await openStepFor(prisma, caller, caseId);
  return prisma.$transaction(async (tx) => {
    const { count } = await tx.stepClaim.createMany({
      data: [{ caseId, stage: step.stage, holderId: caller.id, holderRole: caller.role, claimedAt: now }],
      skipDuplicates: true,
    });
    if (count === 0) {
      const held = await tx.stepClaim.findUnique({ where: { caseId_stage: { caseId, stage: step.stage } } });
      if (held?.holderId === caller.id) return 'held';
      throw new CaseConflictError(
        `the ${step.stage} step of case ${caseId} is claimed by ${held?.holderId ?? 'someone else'}` +
          (held ? ` (${held.holderRole}) since ${held.claimedAt.toISOString()}` : ''),
        'claimed',
      );
    }
    await appendAuditEvent(tx, {
      eventKey: `${step.workflowId}#claim:${step.stage}:${now.toISOString()}`,
      caseId: step.workflowId,
      caseKind: step.kind,
      action: `${step.kind}.step-claimed`,
      actor: actorOf(caller),
      at: now.toISOString(),
      payload: { stage: step.stage },
    });
    return 'claimed';
  });
}

/** Releases the caller's claim on the case's open step (admin may release anyone's). Releasing nothing is refused. */
export async function releaseStep(
  prisma: PrismaClient,
  caller: Caller,
  caseId: string,
  now = new Date(),
): Promise<void> {
  const step = await openStepFor(prisma, caller, caseId);
  await prisma.$transaction(async (tx) => {
    const held = await tx.stepClaim.findUnique({ where: { caseId_stage: { caseId, stage: step.stage } } });
    if (!held) throw new CaseConflictError(`the ${step.stage} step of case ${caseId} is not claimed`, 'invalid-state');
    if (held.holderId !== caller.id && caller.role !== 'admin')
      throw new CaseConflictError(
        `the ${step.stage} step of case ${caseId} is claimed by ${held.holderId}: only they (or an admin) may release it`,
        'claimed',
      );
    // Deleting by the claim's own time: a concurrent release and re-claim cannot remove the new claim.
    const { count } = await tx.stepClaim.deleteMany({
      where: { caseId, stage: step.stage, holderId: held.holderId, claimedAt: held.claimedAt },
    });
    if (count === 0) return;
    await appendAuditEvent(tx, {
      eventKey: `${step.workflowId}#release:${step.stage}:${held.claimedAt.toISOString()}`,
      caseId: step.workflowId,
      caseKind: step.kind,
      action: `${step.kind}.step-released`,
      actor: actorOf(caller),
      at: now.toISOString(),
      payload: { stage: step.stage, holder: held.holderId },
    });
  });
}

export interface BulkClaimResult {
  caseId: string;
  outcome: ClaimOutcome | 'refused';
  /** Why it was refused (the holder, or the role), when it was. */
  message?: string;
}

/** Claims several steps at once: each on its own, so one held by someone else does not stop the rest. */
export async function claimSteps(
  prisma: PrismaClient,
  caller: Caller,
  caseIds: readonly string[],
  now = new Date(),
): Promise<BulkClaimResult[]> {
  const results: BulkClaimResult[] = [];
  for (const caseId of new Set(caseIds)) {
    try {
      results.push({ caseId, outcome: await claimStep(prisma, caller, caseId, now) });
    } catch (error) {
      if (!(error instanceof CaseConflictError || error instanceof HttpError)) throw error;
      results.push({ caseId, outcome: 'refused', message: error.message });
    }
  }
  return results;
}
