// What a case page shows, for every kind: where it stands, who must act by when (and who has
// claimed the step), the timeline of every step with actor, role, reason and documents, linked
// reviews, the decision with each check and the pack that decided it (its sources, confidence
// and assumptions); licences add their schedule, payments, balances and ledger rows; grants their
// separate-ledger entry; reviews their findings and determination. Assembled from what the API's
// GET routes read (currentCase: live from the workflow while it runs, else the saved row), with
// the same scope rules (client/api/context.ts).
import Decimal from 'decimal.js';
import type { PrismaClient } from '../../prisma/generated/client';
import type { Caller } from '../api/auth';
import { licenseeOf, mayActForBank, requireCaseAccess, type ApiContext } from '../api/context';
import { HttpError } from '../api/http-error';
import { caseIdOf, currentCase, type AnyView } from '../api/case-kinds';
import { caseTitle } from '../case-title';
import { parseLoanCheckId } from '../../activities/loan-check-id';
import { getPack, UnknownPolicyError } from '../../policies/registry';
import type { Check, Confidence, PolicySource } from '../../policies/types';
import type { EvidenceRef, ReviewView } from '../../workflows/diligence-exemption-definitions';
import type { LicenceView } from '../../workflows/deferred-licence-definitions';
import type { RightsGrantView } from '../../workflows/rights-grant-definitions';
import type { RewardView } from '../../workflows/transformation-reward-definitions';
import type { InboxClaim } from './inbox';

export interface TimelineEntry {
  at: string;
  stage: string;
  action: string;
  actor: { id: string; role: string };
  reason?: string;
  reference?: string;
  amountCny?: string;
  documents: EvidenceRef[];
}

/** The pack that decided, as a reader needs it: what it is, where it comes from, how sure, what it assumes. */
export interface PackSummary {
  id: string;
  version: string;
  title: string;
  effectiveFrom: string;
  effectiveTo: string | null;
  confidence: Confidence;
  sources: PolicySource[];
  assumptions: string[];
}

export interface DecisionSummary {
  decision: string;
  asOf: string;
  checks: Check[];
}

export interface CasePage {
  caseId: string;
  kind: 'rights-grant' | 'deferred-licence' | 'diligence-exemption' | 'reward';
  title: string | null;
  stage: string;
  running: boolean;
  pending: { stage: string; roles: string[]; dueAt: string | null; escalated: boolean } | null;
  claim: InboxClaim | null;
  /** Whether the viewer's active role is one the open step names. */
  mayAct: boolean;
  timeline: TimelineEntry[];
  decision: DecisionSummary | null;
  pack: PackSummary | null;
  linkedReviews: string[];
  view: AnyView;
  /** Grants: the separate-ledger (单列管理) entry once registered. */
  ledgerEntry: {
    unitName: string;
    resultTitle: string;
    form: string;
    teamShare: string | null;
    ltuYears: number | null;
    agreementReference: string;
    registeredAt: string;
  } | null;
  /** Licences: the money ledger's rows, as written by the workflow. */
  licenceLedger: Array<{
    on: string;
    kind: string;
    itemNo: number | null;
    amountCny: string;
    reference: string | null;
  }>;
  /** Licences: the ledger rows' sums agree with the workflow's totals (as GET /v1/licences/{id}/ledger says). */
  reconciled: boolean | null;
  /** Rewards: the distribution ledger's rows (append-only), as written by the workflow. */
  rewardLedger: RewardLedgerRow[];
}

export interface RewardLedgerRow {
  on: string;
  kind: string;
  personId: string | null;
  amountCny: string | null;
  shares: string | null;
  reference: string | null;
}

/** Whether the posted ledger rows add up to the licence's own totals (due, paid, balance). */
function reconciles(view: LicenceView, rows: Array<{ kind: string; amountCny: string }>): boolean {
  const sum = (kind: string) =>
    rows.filter((r) => r.kind === kind).reduce((s, r) => s.plus(r.amountCny), new Decimal(0));
  return (
    sum('due').toFixed(2) === view.ledger.dueCny &&
    sum('payment').toFixed(2) === view.ledger.paidCny &&
    sum('due').minus(sum('payment')).toFixed(2) === view.ledger.balanceCny
  );
}

export function packSummary(ref: { id: string; version: string }): PackSummary | null {
  try {
    const p = getPack(ref);
    return {
      id: p.id,
      version: p.version,
      title: p.title,
      effectiveFrom: p.effectiveFrom,
      effectiveTo: p.effectiveTo,
      confidence: p.confidence,
      sources: p.sources,
      assumptions: p.assumptions,
    };
  } catch (error) {
    if (error instanceof UnknownPolicyError) return null;
    throw error;
  }
}

function decisionOf(view: AnyView): DecisionSummary | null {
  if (view.kind === 'reward') {
    const c = (view as RewardView).calculation;
    return c ? { decision: c.decision, asOf: c.asOf, checks: c.checks } : null;
  }
  if ('eligibility' in view) {
    const e = (view as RightsGrantView | LicenceView).eligibility;
    return { decision: e.decision, asOf: e.asOf, checks: e.checks };
  }
  const review = view as ReviewView;
  // A review decides per applicant: the preliminary finding's checks, the committee's outcome.
  const first = review.preliminary?.[0]?.decision;
  return first ? { decision: first.decision, asOf: first.asOf, checks: first.checks } : null;
}

function packRefOf(view: AnyView): { id: string; version: string } {
  return 'eligibility' in view
    ? (view as RightsGrantView | LicenceView).eligibility.policy
    : (view as ReviewView).policy;
}

/** Records of the case (bounded in long cases) and the console's claims and releases, oldest first. */
async function timelineOf(prisma: PrismaClient, view: AnyView, workflowId: string): Promise<TimelineEntry[]> {
  const records: TimelineEntry[] = view.history.map((r) => {
    const rec = r as typeof r & { reference?: string; amountCny?: string; evidence?: EvidenceRef[] };
    return {
      at: rec.at,
      stage: rec.stage,
      action: rec.action,
      actor: rec.actor,
      ...(rec.reason ? { reason: rec.reason } : {}),
      ...(rec.reference ? { reference: rec.reference } : {}),
      ...(rec.amountCny ? { amountCny: rec.amountCny } : {}),
      documents: rec.evidence ?? [],
    };
  });
  const claims = await prisma.auditEvent.findMany({
    where: { caseId: workflowId, action: { endsWith: '.step-claimed' } },
    orderBy: { seq: 'asc' },
  });
  const releases = await prisma.auditEvent.findMany({
    where: { caseId: workflowId, action: { endsWith: '.step-released' } },
    orderBy: { seq: 'asc' },
  });
  for (const e of [...claims, ...releases]) {
    const payload = e.payload as { stage?: string };
    records.push({
      at: e.at.toISOString(),
      stage: payload.stage ?? '',
      action: e.action.slice(e.action.lastIndexOf('.') + 1),
      actor: { id: e.actorId, role: e.actorRole },
      documents: [],
    });
  }
  return records.sort((a, b) => a.at.localeCompare(b.at));
}

/** Everything a case page shows; 404 when the case is absent or outside the caller's scope. */
export async function loadCasePage(
  ctx: Pick<ApiContext, 'prisma' | 'temporal'>,
  caller: Caller,
  rawId: string,
): Promise<CasePage> {
  const caseId = caseIdOf(rawId);
  await requireCaseAccess(ctx as ApiContext, caller, caseId);
  const { kind, view, running } = await currentCase(ctx as ApiContext, caseId);
  const workflowId = `${kind}/${caseId}`;
  const [row, claim, links, ledgerEntry, money, rewardRows, timeline] = await Promise.all([
    ctx.prisma.case.findUnique({ where: { id: caseId }, select: { input: true } }),
    view.pending
      ? ctx.prisma.stepClaim.findUnique({ where: { caseId_stage: { caseId, stage: view.pending.stage } } })
      : null,
    // A licensee does not learn that an exemption review of its licence exists.
    licenseeOf(caller)
      ? []
      : ctx.prisma.caseLink.findMany({ where: { linkedCaseId: caseId }, orderBy: { createdAt: 'asc' } }),
    kind === 'rights-grant' ? ctx.prisma.ledgerEntry.findUnique({ where: { caseId } }) : null,
    kind === 'deferred-licence'
      ? ctx.prisma.licenceLedgerEntry.findMany({ where: { caseId }, orderBy: { seq: 'asc' } })
      : [],
    kind === 'reward' ? ctx.prisma.rewardLedgerEntry.findMany({ where: { caseId }, orderBy: { seq: 'asc' } }) : [],
    timelineOf(ctx.prisma, view, workflowId),
  ]);
  const licenceLedger = money.map((m) => ({
    on: m.on,
    kind: m.kind,
    itemNo: m.itemNo,
    amountCny: m.amountCny.toFixed(2),
    reference: m.reference,
  }));
  const pending = view.pending
    ? {
        stage: view.pending.stage,
        roles: view.pending.roles,
        dueAt: view.pending.dueAt,
        escalated: view.pending.escalated,
      }
    : null;
  return {
    caseId,
    kind: kind as CasePage['kind'],
    title: row
      ? caseTitle(row.input)
      : kind === 'diligence-exemption'
        ? (view as ReviewView).request.transfer.title
        : null,
    stage: view.stage,
    running,
    pending,
    claim: claim
      ? { holderId: claim.holderId, holderRole: claim.holderRole, claimedAt: claim.claimedAt.toISOString() }
      : null,
    mayAct: running && !!pending && (pending.roles.includes(caller.role) || caller.role === 'admin'),
    timeline,
    decision: decisionOf(view),
    pack: packSummary(packRefOf(view)),
    linkedReviews: links.map((l) => l.reviewCaseId),
    view,
    ledgerEntry: ledgerEntry
      ? {
          unitName: ledgerEntry.unitName,
          resultTitle: ledgerEntry.resultTitle,
          form: ledgerEntry.form,
          teamShare: ledgerEntry.teamShare,
          ltuYears: ledgerEntry.ltuYears,
          agreementReference: ledgerEntry.agreementReference,
          registeredAt: ledgerEntry.registeredAt.toISOString(),
        }
      : null,
    licenceLedger,
    reconciled: kind === 'deferred-licence' ? reconciles(view as LicenceView, licenceLedger) : null,
    rewardLedger: rewardRows.map((r) => ({
      on: r.on,
      kind: r.kind,
      personId: r.personId,
      amountCny: r.amountCny?.toFixed(2) ?? null,
      shares: r.shares === null ? null : r.shares.toString(),
      reference: r.reference,
    })),
  };
}

/** A bank's loan check as its page shows it; 404 unless it is one of the caller's banks'. */
export async function loadLoanCheckPage(prisma: PrismaClient, caller: Caller, id: string) {
  const key = parseLoanCheckId(id);
  const row =
    key && mayActForBank(caller, key.bankId)
      ? await prisma.loanCheck.findUnique({ where: { bankId_requestId: key } })
      : null;
  if (!row) throw new HttpError(404, 'not-found', `no loan check ${id}`);
  const result = row.result as unknown as {
    decision: string;
    asOf: string;
    checks: Check[];
    limits?: Record<string, number>;
  };
  return {
    id: row.id,
    bankId: row.bankId,
    requestId: row.requestId,
    submittedBy: row.submittedBy,
    createdAt: row.createdAt.toISOString(),
    request: row.request,
    decision: { decision: result.decision, asOf: result.asOf, checks: result.checks } satisfies DecisionSummary,
    limits: result.limits ?? null,
    pack: packSummary({ id: row.policyId, version: row.policyVersion }),
  };
}
export type LoanCheckPage = Awaited<ReturnType<typeof loadLoanCheckPage>>;
