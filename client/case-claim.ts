// A case id names one case of one kind. Workflow ids are `<kind>/<caseId>`, so Temporal alone
// would start a rights grant and a licence under one case id, both writing its row. Before any
// workflow starts, the launch claims the id in the database: one insert wins, and any launch of
// the same id with another kind or another request is refused; the same launch again (a retry, or
// a concurrent duplicate) holds the same claim and joins the same workflow.
import type { PrismaClient } from '../prisma/generated/client';
import { CaseConflictError } from './case-conflict';

export interface CaseIdClaim {
  caseId: string;
  kind: string;
  requestHash: string;
  claimedBy: string;
}

/** Claims a case id; 'new' for the launch that took it, 'same' for the same launch again; throws case-exists otherwise. */
export type ClaimCaseId = (claim: CaseIdClaim) => Promise<'new' | 'same'>;

export function caseIdClaimer(prisma: PrismaClient): ClaimCaseId {
  return async (claim) => {
    const { count } = await prisma.caseClaim.createMany({ data: [claim], skipDuplicates: true });
    if (count === 1) return 'new';
    const held = await prisma.caseClaim.findUnique({ where: { caseId: claim.caseId } });
    if (!held) throw new Error(`case id ${claim.caseId}: claim neither inserted nor found`);
    if (held.kind !== claim.kind)
      throw new CaseConflictError(`case ${claim.caseId} is a ${held.kind} case; choose another caseId`, 'case-exists');
    if (held.requestHash !== claim.requestHash)
      throw new CaseConflictError(
        `case ${claim.caseId} already exists with a different request; choose another caseId`,
        'case-exists',
      );
    return 'same';
  };
}
