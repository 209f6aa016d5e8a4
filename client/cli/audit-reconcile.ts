// How `audit reconcile` and `audit replay` check decisions against records: through the API with
// an auditor key (the stack owns the database), or directly on a shared PostgreSQL (DATABASE_URL).
import type { HistoryToVerify } from '../audit/verify';
import { completionResult, workflowType } from '../audit/history';
import { outcomeOf, reconcileOutcomes, type ReconcileReport, type WorkflowOutcome } from '../audit/reconcile';
import { config } from '../config';
import { openDatabaseOrExit } from './database';
import { ExitError } from './exit-error';
import { table } from './format';

export function formatReconcile(r: ReconcileReport): string {
  const orphans = [
    ...r.workflowsWithoutRecord.map((o) => ['workflow without record', o.workflowId, o.kind, o.problem]),
    ...r.recordsWithoutWorkflow.map((o) => ['record without workflow', o.workflowId, o.kind, o.problem]),
  ];
  const head = `${r.workflowsChecked} workflows, ${r.recordsChecked} records checked: ${
    r.reconciled ? 'every decision has its record and every record its workflow' : `${orphans.length} ORPHANS`
  }`;
  return orphans.length ? `${head}\n\n${table([['orphan', 'workflow', 'where', 'problem'], ...orphans])}` : head;
}

/** The decisions of the completed histories among items (a history that is still running has none yet). */
export function completedOutcomes(items: HistoryToVerify[]): WorkflowOutcome[] {
  return items.flatMap((i) => {
    const type = workflowType(i.history);
    const last = i.history.events.at(-1);
    if (!type || !last?.workflowExecutionCompletedEventAttributes) return [];
    const outcome = outcomeOf(type, completionResult(i.history));
    return [{ workflowId: i.workflowId, workflowType: type, outcome: outcome ?? '(no decision)' }];
  });
}

/**
 * Checks the outcomes' records; a string says why they could not be checked (no auditor key and
 * no shared database, or the API refused the key): the replay itself still stands.
 */
export async function checkReplayedRecords(outcomes: WorkflowOutcome[]): Promise<ReconcileReport | string> {
  const cfg = config();
  if (cfg.cli.apiKey) {
    const { apiRequest } = await import('./api-client');
    try {
      return (await apiRequest('POST', '/v1/audit/reconcile', { outcomes })) as ReconcileReport;
    } catch (error) {
      if (!(error instanceof ExitError)) throw error;
      if (!cfg.database.url) return `the API answered ${error.message}`;
    }
  }
  // The embedded PGlite belongs to the stack: it is never opened beside it.
  if (!cfg.database.url) return 'set TRANSFERFLOW_API_KEY (auditor) or DATABASE_URL';
  const db = await openDatabaseOrExit();
  try {
    return await reconcileOutcomes(db.prisma, outcomes);
  } finally {
    await db.close();
  }
}
