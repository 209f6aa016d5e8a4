// What every route needs: the Temporal client, the database, the keys, and the role guard.
import type { FastifyRequest } from 'fastify';
import type { Client } from '@temporalio/client';
import type { PrismaClient } from '../../prisma/generated/client';
import { presentedKey, type ApiKeys, type Caller, type Role } from './auth';
import { HttpError } from './http-error';
import { caseDepartment } from '../department';
import { licenceOrganisation } from '../licensee';
import type { EvidenceStore } from '../evidence-store';
import type { AuditSequencer } from '../../activities/audit-sequencer';
import type { ApiMetrics } from './metrics';
import type { StoredApiKeys } from '../people/api-keys';
import type { TrainingClock } from '../training/clock';

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
  /** Set by buildApi: the Prometheus registry and the token that may scrape it (none: /metrics is off). */
  metrics?: { api: ApiMetrics; token?: string };
  /** Training mode only (client/training/): the time-skipping server's clock the console skips ahead. */
  training?: TrainingClock;
  /** The API keys made on the console's admin page (set by buildApi, which loads them into `keys`). */
  storedKeys?: StoredApiKeys;
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

/** A bank key acts only for the banks it names; other roles are not held to banks (admin acts for any). */
export function mayActForBank(caller: Caller, bankId: string): boolean {
  return (
    caller.role !== 'bank' ||
    (caller.scope !== null && 'bankIds' in caller.scope && caller.scope.bankIds.includes(bankId))
  );
}

/** The organisation a licensee key acts for; null for every other role. */
export function licenseeOf(caller: Caller): string | null {
  return caller.role === 'licensee' && caller.scope && 'licenseeId' in caller.scope ? caller.scope.licenseeId : null;
}

/** The department a department person acts for; null for every other caller (and an unscoped department). */
export function departmentOf(caller: Caller): string | null {
  return caller.role === 'department' && caller.scope && 'department' in caller.scope ? caller.scope.department : null;
}

/**
 * A licensee key sees and acts on its organisation's licences only: any other case — another
 * organisation's licence, a rights-grant, an exemption review — is a 404, as if it did not exist.
 * The licence's organisation is read from its case row (written on the licence's first step).
 * A department person, likewise, sees and acts on its own department's rights grants only.
 */
export async function requireCaseAccess(ctx: ApiContext, caller: Caller, caseId: string): Promise<void> {
  const licensee = licenseeOf(caller);
  const department = departmentOf(caller);
  if (!licensee && !department) return;
  const row = await ctx.prisma.case.findUnique({ where: { id: caseId }, select: { kind: true, input: true } });
  const mine =
    row !== null &&
    (licensee
      ? row.kind === 'deferred-licence' && licenceOrganisation(row.input) === licensee
      : caseDepartment(row.kind, row.input) === department);
  if (!mine) throw new HttpError(404, 'not-found', `no case ${caseId}`);
}
