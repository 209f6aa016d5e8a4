// Opening and acting on exemption reviews, shared by the API (and through it the CLI). Findings
// must cite documents already in the evidence store; the case a review is raised from must exist.
import type { Client } from '@temporalio/client';
import { actAndView, queryView } from './workflow-calls';
import { z } from 'zod';
import { selectDiligenceExemptionPack } from '../policies/diligence-exemption/decide';
import { contentHash } from '../policies/canonical-json';
import { chinaDate } from '../policies/dates';
import { contactSchema, isoDateSchema, jurisdictionSchema, languageSchema, text } from '../policies/input-primitives';
import type { Actor } from '../workflows/definitions';
import { actorOf } from './actor';
import {
  DILIGENCE_EXEMPTION_WORKFLOW,
  reviewActUpdate,
  reviewViewQuery,
  reviewWorkflowId,
  type ReviewAction,
  type ReviewCaseInput,
  type ReviewView,
} from '../workflows/diligence-exemption-definitions';
import { caseIdSchema, type LaunchedCase } from './case-id';
import type { ClaimCaseId } from './case-claim';
import type { EvidenceStore } from './evidence-store';
import { SHA256 } from './evidence-store';
import { InvalidInputError, parseInput } from './issues';
import { startOnce } from './start-once';
// Type only: the start's arguments and result are checked against the workflow, whose code stays out of the client.
import type { diligenceExemption } from '../workflows/diligence-exemption';

const name = text().trim().min(1).max(200);
const longText = text().trim().min(1).max(4000);
export const evidenceRefSchema = z
  .object({ name, sha256: z.string().regex(SHA256, 'a SHA-256 in lower-case hex (64 characters)') })
  .strict();

export const reviewCaseSchema = z
  .object({
    caseId: caseIdSchema.describe('The review’s own number: opening it again returns the same review'),
    asOf: isoDateSchema.optional(),
    jurisdiction: jurisdictionSchema().optional(),
    trigger: z
      .object({ kind: z.enum(['reported-loss', 'audit-finding']), description: longText, reportedOn: isoDateSchema })
      .strict(),
    linkedCaseId: caseIdSchema.optional().describe('The rights-grant or licence case the review is raised from'),
    transfer: z
      .object({ title: name, pricing: z.enum(['listing', 'auction', 'negotiated']), decidedOn: isoDateSchema })
      .strict(),
    applicants: z
      .array(
        z
          .object({
            name,
            role: z.enum(['leader', 'manager', 'researcher']),
            // Where the applicant hears of the determination (none: the office tells them).
            email: contactSchema.shape.email.optional(),
            language: languageSchema.optional(),
          })
          .strict(),
      )
      .min(1)
      .max(20)
      .refine((a) => new Set(a.map((p) => p.name)).size === a.length, 'each applicant once')
      .refine((a) => a.every((p) => p.name !== 'unit'), '"unit" names the transfer facts, not a person'),
  })
  .strict();

export const reviewActionSchema = z
  .object({
    action: z.enum(['accept', 'decline', 'finding', 'determine', 'apply-result', 'complete-action']),
    reason: longText.optional(),
    reference: name.optional(),
    subject: name.optional(),
    item: name.optional(),
    value: z.union([z.boolean(), z.enum(['listing', 'auction', 'negotiated'])]).optional(),
    evidence: z.array(evidenceRefSchema).max(50).optional(),
    note: longText.optional(),
    outcomes: z
      .array(
        z.object({ person: name, outcome: z.enum(['exempt', 'partly', 'not']), reason: longText.optional() }).strict(),
      )
      .max(20)
      .optional(),
    correctiveActions: z
      .array(z.object({ description: longText, owner: name, dueOn: isoDateSchema }).strict())
      .max(50)
      .optional(),
    actionId: name.optional(),
  })
  .strict();

export async function openReview(
  client: Client,
  body: unknown,
  openedBy: Actor,
  claim: ClaimCaseId,
  today = chinaDate(Date.now()),
): Promise<LaunchedCase> {
  const { caseId, ...request } = parseInput(reviewCaseSchema, body);
  // No pack in force on the date throws NoPolicyInForceError: a 400 on asOf (client/errors.ts).
  selectDiligenceExemptionPack({ jurisdiction: request.jurisdiction }, request.asOf ?? today);
  const workflowId = reviewWorkflowId(caseId);
  const requestHash = contentHash(request);
  const input: ReviewCaseInput = { caseId, request, requestHash, openedBy: actorOf(openedBy) };
  const claimed = await claim({ caseId, kind: 'diligence-exemption', requestHash, claimedBy: openedBy.id });
  const place = request.jurisdiction?.city ?? request.jurisdiction?.province ?? 'national';
  await startOnce<typeof diligenceExemption>(client, DILIGENCE_EXEMPTION_WORKFLOW, workflowId, input, {
    caseKind: 'diligence-exemption',
    jurisdiction: place,
  });
  return { caseId, workflowId, requestHash, fresh: claimed === 'new' };
}

export function reviewView(client: Client, caseId: string, waitMs = 10_000): Promise<ReviewView | null> {
  return queryView(client, reviewWorkflowId(caseId), reviewViewQuery, waitMs);
}

/** Hands an action to the review; a finding's documents must be in the store first. */
export async function actOnReview(
  client: Client,
  caseId: string,
  body: unknown,
  actor: Actor,
  store: EvidenceStore,
): Promise<ReviewView> {
  const action = parseInput(reviewActionSchema, body) as ReviewAction;
  for (const [i, e] of (action.evidence ?? []).entries()) {
    if (!(await store.has(e.sha256)))
      throw new InvalidInputError([
        {
          path: `evidence.${i}.sha256`,
          message: `no document ${e.sha256} in the evidence store: upload "${e.name}" first (POST /v1/evidence)`,
        },
      ]);
  }
  return actAndView(client, reviewWorkflowId(caseId), reviewActUpdate, reviewViewQuery, {
    ...action,
    actor: actorOf(actor),
  });
}
