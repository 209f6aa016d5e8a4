// What every route needs: the Temporal client, the database, the keys, and the role guard.
import type { FastifyRequest } from 'fastify';
import type { Client } from '@temporalio/client';
import type { PrismaClient } from '../../prisma/generated/client';
import { presentedKey, type ApiKeys, type Caller, type Role } from './auth';
import { HttpError } from './http-error';
import type { EvidenceStore } from '../evidence-store';
import type { AuditSequencer } from '../../activities/audit-sequencer';

export interface ApiContext {
  temporal: Client;
  prisma: PrismaClient;
  keys: ApiKeys;
  /** How long POST /v1/loan-checks waits for the decision before answering 202. */
  syncTimeoutMs: number;
  /** Evidence documents of exemption reviews (default: the folder store from the environment). */
  evidence?: EvidenceStore;
  /** Sequences the audit log and signs its heads (absent: no signing key configured). */
  auditSequencer?: AuditSequencer;
}

/** The authenticated caller if their role is one of the operation's `roles`; 401 / 403 otherwise. */
export function requireRole(
  ctx: ApiContext,
  request: FastifyRequest,
  { roles, action }: { roles: readonly Role[]; action: string },
): Caller {
  const caller = ctx.keys.authenticate(presentedKey(request.headers));
  if (!caller)
    throw new HttpError(401, 'unauthenticated', 'missing or unknown API key: send "Authorization: Bearer <key>"');
  if (!roles.includes(caller.role)) {
    throw new HttpError(403, 'forbidden', `role ${caller.role} may not ${action} (allowed: ${roles.join(', ')})`);
  }
  return caller;
}

/** A bank key limited to some banks acts only for those. */
export function mayActForBank(caller: Caller, bankId: string): boolean {
  return caller.role !== 'bank' || !caller.bankIds || caller.bankIds.includes(bankId);
}

/** A licensee key limited to some licences sees and acts on those only (404 for others: their existence is not revealed). */
export function requireCaseAccess(caller: Caller, caseId: string): void {
  if (caller.role === 'licensee' && caller.caseIds && !caller.caseIds.includes(caseId))
    throw new HttpError(404, 'not-found', `no case ${caseId}`);
}
