// Case rows written straight into a test database, as the workflows' snapshots would leave them:
// for inbox tests and the console benchmark, which need thousands of open steps without running
// thousands of workflows.
import type { Prisma, PrismaClient } from '../../prisma/generated/client';
import { EXAMPLE_RIGHTS_GRANT } from '../../policies/rights-grant/example-request';
import { EXAMPLE_LICENCE } from '../../policies/deferred-licence/example-request';

export interface CaseRow {
  id: string;
  kind: 'rights-grant' | 'deferred-licence' | 'diligence-exemption';
  stage: string;
  pendingRoles: string[];
  dueAt: Date | null;
  escalated?: boolean;
  /** Licences: the organisation (licensee.id). */
  licenseeId?: string;
  title?: string;
}

const DAY = 86_400_000;

function inputOf(r: CaseRow): Prisma.InputJsonObject {
  if (r.kind === 'rights-grant')
    return { ...EXAMPLE_RIGHTS_GRANT, result: { ...EXAMPLE_RIGHTS_GRANT.result, title: r.title ?? `Patent ${r.id}` } };
  if (r.kind === 'deferred-licence') {
    const name = r.licenseeId ?? EXAMPLE_LICENCE.licensee.name;
    return { ...EXAMPLE_LICENCE, licensee: { ...EXAMPLE_LICENCE.licensee, name, id: name } } as Prisma.InputJsonObject;
  }
  return {
    trigger: { kind: 'reported-loss', description: 'written down', reportedOn: '2026-11-01' },
    transfer: { title: r.title ?? `Transfer ${r.id}`, pricing: 'negotiated', decidedOn: '2025-03-10' },
    applicants: [{ name: 'Li Ming', role: 'leader' }],
  };
}

export async function insertCaseRows(prisma: PrismaClient, rows: CaseRow[], now = new Date()): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) {
    await prisma.case.createMany({
      data: rows.slice(i, i + 500).map((r, j) => ({
        id: r.id,
        kind: r.kind,
        workflowId: `${r.kind}/${r.id}`,
        stage: r.stage,
        pendingRoles: r.pendingRoles,
        dueAt: r.dueAt,
        escalated: r.escalated ?? false,
        jurisdiction: null,
        policyId: 'test-pack',
        policyVersion: '1',
        policyHash: '0'.repeat(64),
        eligibility: 'eligible',
        requestHash: `h-${r.id}`,
        input: inputOf(r),
        view: {
          caseId: r.id,
          kind: r.kind,
          stage: r.stage,
          pending: r.pendingRoles.length
            ? { stage: r.stage, roles: r.pendingRoles, dueAt: r.dueAt?.toISOString() ?? null, escalated: !!r.escalated }
            : null,
          history: [],
        },
        openedBy: 'tto-1',
        version: 1,
        createdAt: new Date(now.getTime() - (i + j) * 1000),
        updatedAt: new Date(now.getTime() - (i + j) * 1000),
      })),
    });
  }
}

/** `count` open steps spread over the kinds, roles and deadlines a busy office would have. */
export function busyOffice(count: number, now = new Date(), prefix = 'load'): CaseRow[] {
  const shapes: Array<Pick<CaseRow, 'kind' | 'stage' | 'pendingRoles'>> = [
    { kind: 'rights-grant', stage: 'department-review', pendingRoles: ['department'] },
    { kind: 'rights-grant', stage: 'office-review', pendingRoles: ['tto'] },
    { kind: 'rights-grant', stage: 'collective-decision', pendingRoles: ['committee'] },
    { kind: 'deferred-licence', stage: 'contract', pendingRoles: ['tto'] },
    { kind: 'deferred-licence', stage: 'paying', pendingRoles: [] },
    { kind: 'diligence-exemption', stage: 'evidence-review', pendingRoles: ['reviewer'] },
    { kind: 'diligence-exemption', stage: 'determination', pendingRoles: ['committee'] },
  ];
  return Array.from({ length: count }, (_, i) => {
    const shape = shapes[i % shapes.length];
    const escalated = i % 37 === 0 && shape.pendingRoles.length > 0;
    return {
      id: `${prefix}-${i}`,
      ...shape,
      pendingRoles: escalated ? [...shape.pendingRoles, 'tto'] : shape.pendingRoles,
      escalated,
      dueAt: escalated || !shape.pendingRoles.length ? null : new Date(now.getTime() + ((i % 61) - 10) * DAY),
      licenseeId: shape.kind === 'deferred-licence' ? `Licensee ${i % 50}` : undefined,
    };
  });
}
