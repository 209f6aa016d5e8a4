// Decisions and records reconcile: every workflow that completed has its record in the database
// (a loan check's row, a case's row) saying what the workflow decided, and every record has the
// workflow that made it. An acknowledged decision with no record — or a record no workflow made —
// is what a second stack on one data folder, or a restored or edited database, leaves behind.
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import { z } from 'zod';
import type { PrismaClient } from '../../prisma/generated/client';
import { MA_LOAN_WORKFLOW } from '../../workflows/ma-loan-definitions';
import { RIGHTS_GRANT_WORKFLOW } from '../../workflows/rights-grant-definitions';
import { DEFERRED_LICENCE_WORKFLOW } from '../../workflows/deferred-licence-definitions';
import { DILIGENCE_EXEMPTION_WORKFLOW } from '../../workflows/diligence-exemption-definitions';

export const DECIDING_WORKFLOWS = [
  MA_LOAN_WORKFLOW,
  RIGHTS_GRANT_WORKFLOW,
  DEFERRED_LICENCE_WORKFLOW,
  DILIGENCE_EXEMPTION_WORKFLOW,
];

/** What a completed workflow decided, as the database should hold it: a loan check's decision, a case's final stage. */
export interface WorkflowOutcome {
  workflowId: string;
  workflowType: string;
  /** The loan check's decision, or the case's final stage. */
  outcome: string;
}

export interface Orphan {
  workflowId: string;
  /** Where the record lives (LoanCheck or Case), or the workflow's type. */
  kind: string;
  problem: string;
}

export interface ReconcileReport {
  workflowsChecked: number;
  recordsChecked: number;
  /** Completed workflows whose decision is missing from the database, or recorded differently. */
  workflowsWithoutRecord: Orphan[];
  /** Database records no workflow in Temporal made. */
  recordsWithoutWorkflow: Orphan[];
  reconciled: boolean;
}

const outcomeSchema = z
  .object({
    workflowId: z.string().min(1).max(300),
    workflowType: z.enum(DECIDING_WORKFLOWS as [string, ...string[]]),
    outcome: z.string().min(1).max(100),
  })
  .strict();
/** Everything (no body, or no outcomes), or only these outcomes against their records (what `audit replay` replayed). */
export const reconcileSchema = z.object({ outcomes: z.array(outcomeSchema).max(10_000).optional() }).strict();

/** Only the given outcomes against their records: the other way (records to workflows) needs everything. */
export async function reconcileOutcomes(prisma: PrismaClient, outcomes: WorkflowOutcome[]): Promise<ReconcileReport> {
  const workflowsWithoutRecord = await checkRecords(prisma, outcomes);
  return {
    workflowsChecked: outcomes.length,
    recordsChecked: outcomes.length - workflowsWithoutRecord.length,
    workflowsWithoutRecord,
    recordsWithoutWorkflow: [],
    reconciled: workflowsWithoutRecord.length === 0,
  };
}

/** The outcome a completed workflow's result states (the result of the decision record the database keeps). */
export function outcomeOf(workflowType: string, result: unknown): string | undefined {
  const r = result as { decision?: unknown; stage?: unknown } | null | undefined;
  const value = workflowType === MA_LOAN_WORKFLOW ? r?.decision : r?.stage;
  return typeof value === 'string' ? value : undefined;
}

/** Each outcome's record: present, and saying the same. */
export async function checkRecords(prisma: PrismaClient, outcomes: WorkflowOutcome[]): Promise<Orphan[]> {
  const ids = outcomes.map((o) => o.workflowId);
  const [loans, cases] = await Promise.all([
    prisma.loanCheck.findMany({ where: { workflowId: { in: ids } }, select: { workflowId: true, decision: true } }),
    prisma.case.findMany({ where: { workflowId: { in: ids } }, select: { workflowId: true, stage: true } }),
  ]);
  const recorded = new Map<string, string>([
    ...loans.map((l) => [l.workflowId, l.decision] as const),
    ...cases.map((c) => [c.workflowId, c.stage] as const),
  ]);
  return outcomes.flatMap((o) => {
    const kind = o.workflowType === MA_LOAN_WORKFLOW ? 'LoanCheck' : 'Case';
    const held = recorded.get(o.workflowId);
    if (held === undefined)
      return [{ workflowId: o.workflowId, kind, problem: `the workflow decided ${o.outcome}; no ${kind} record` }];
    if (held !== o.outcome)
      return [
        { workflowId: o.workflowId, kind, problem: `the workflow decided ${o.outcome}; the record says ${held}` },
      ];
    return [];
  });
}

/** Whether Temporal knows the workflow (visibility may lag: describe is the authority). */
async function known(client: Client, workflowId: string): Promise<boolean> {
  try {
    await client.workflow.getHandle(workflowId).describe();
    return true;
  } catch (error) {
    if (error instanceof WorkflowNotFoundError) return false;
    throw error;
  }
}

/**
 * Both ways over everything: completed workflows against their records, records against the
 * workflows Temporal holds. Records of workflows older than the namespace's retention period are
 * reported too (Temporal has forgotten them): keep the audit bundles of such cases.
 */
export async function reconcile(prisma: PrismaClient, client: Client): Promise<ReconcileReport> {
  const types = DECIDING_WORKFLOWS.map((t) => `'${t}'`).join(', ');
  const seen = new Set<string>();
  const outcomes: WorkflowOutcome[] = [];
  for await (const wf of client.workflow.list({ query: `WorkflowType IN (${types})` })) {
    seen.add(wf.workflowId);
    if (wf.status.name !== 'COMPLETED') continue;
    const result = await client.workflow.getHandle(wf.workflowId, wf.runId).result();
    const outcome = outcomeOf(wf.type, result);
    outcomes.push({ workflowId: wf.workflowId, workflowType: wf.type, outcome: outcome ?? '(no decision)' });
  }
  const workflowsWithoutRecord = await checkRecords(prisma, outcomes);
  const [loans, cases] = await Promise.all([
    prisma.loanCheck.findMany({ select: { workflowId: true } }),
    prisma.case.findMany({ select: { workflowId: true } }),
  ]);
  const records = [
    ...loans.map((l) => ({ workflowId: l.workflowId, kind: 'LoanCheck' })),
    ...cases.map((c) => ({ workflowId: c.workflowId, kind: 'Case' })),
  ];
  const recordsWithoutWorkflow: Orphan[] = [];
  for (const r of records) {
    if (seen.has(r.workflowId) || (await known(client, r.workflowId))) continue;
    recordsWithoutWorkflow.push({ ...r, problem: `no workflow ${r.workflowId} in Temporal` });
  }
  return {
    workflowsChecked: seen.size,
    recordsChecked: records.length,
    workflowsWithoutRecord,
    recordsWithoutWorkflow,
    reconciled: workflowsWithoutRecord.length === 0 && recordsWithoutWorkflow.length === 0,
  };
}
