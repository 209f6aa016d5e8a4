// Launching and acting on rights-grant cases, shared by the API (and through it the CLI): validate
// at the edge, start the workflow under its business-key id, hand human decisions to its update.
import type { Client } from '@temporalio/client';
import { actAndView, queryView } from './workflow-calls';
import { z } from 'zod';
import { rightsGrantInputSchema } from '../policies/rights-grant/input-schema';
import { selectRightsGrantPack } from '../policies/rights-grant/decide';
import { placeOf } from '../policies/place-scope';
import { contentHash } from '../policies/canonical-json';
import { chinaDate } from '../policies/dates';
import { text } from '../policies/input-primitives';
import type { Actor } from '../workflows/definitions';
import { actorOf } from './actor';
import { startOnce } from './start-once';
// Type only: the start's arguments and result are checked against the workflow, whose code stays out of the client.
import type { rightsGrant } from '../workflows/rights-grant';
import {
  rightsGrantActUpdate,
  RIGHTS_GRANT_WORKFLOW,
  rightsGrantWorkflowId,
  rightsGrantViewQuery,
  type RightsGrantAction,
  type RightsGrantCaseInput,
  type RightsGrantView,
} from '../workflows/rights-grant-definitions';
import { parseInput } from './issues';
import { caseIdSchema, type LaunchedCase } from './case-id';
import type { ClaimCaseId } from './case-claim';

export const rightsGrantCaseSchema = rightsGrantInputSchema.extend({
  caseId: caseIdSchema.describe('The office’s own case number: launching it again returns the same case'),
  department: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .optional()
    .describe('The department (院系) whose review it is: a department person scoped to one sees only its cases'),
});

export const caseActionSchema = z
  .object({
    action: z.enum(['approve', 'reject', 'object', 'sign', 'report-commercialised', 'extend', 'decline-extension']),
    reason: text().trim().min(1).max(2000).optional(),
    reference: text().trim().min(1).max(200).optional(),
  })
  .strict();

export async function launchRightsGrant(
  client: Client,
  body: unknown,
  openedBy: Actor,
  claim: ClaimCaseId,
  today = chinaDate(Date.now()),
): Promise<LaunchedCase> {
  const { caseId, ...request } = parseInput(rightsGrantCaseSchema, body);
  // No pack in force on the date throws NoPolicyInForceError: a 400 on asOf (client/errors.ts).
  selectRightsGrantPack(request, request.asOf ?? today);
  const workflowId = rightsGrantWorkflowId(caseId);
  const requestHash = contentHash(request);
  const input: RightsGrantCaseInput = { caseId, request, requestHash, openedBy: actorOf(openedBy) };
  const claimed = await claim({ caseId, kind: 'rights-grant', requestHash, claimedBy: openedBy.id });
  const place = placeOf(request.jurisdiction);
  await startOnce<typeof rightsGrant>(client, RIGHTS_GRANT_WORKFLOW, workflowId, input, {
    caseKind: 'rights-grant',
    jurisdiction: place.city ?? place.province ?? 'national',
  });
  return { caseId, workflowId, requestHash, fresh: claimed === 'new' };
}

/** The live view of a running case, waiting briefly for a just-started one to answer. */
export function caseView(client: Client, caseId: string, waitMs = 10_000): Promise<RightsGrantView | null> {
  return queryView(client, rightsGrantWorkflowId(caseId), rightsGrantViewQuery, waitMs);
}

/** Hands a decision to the case; refusals come back as errors naming why. */
export async function actOnCase(client: Client, caseId: string, body: unknown, actor: Actor): Promise<RightsGrantView> {
  const action: RightsGrantAction = parseInput(caseActionSchema, body);
  return actAndView(
    client,
    rightsGrantWorkflowId(caseId),
    rightsGrantActUpdate,
    rightsGrantViewQuery,
    { ...action, actor: actorOf(actor) },
    undefined,
    'reason',
  );
}
