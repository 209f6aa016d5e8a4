// `transferflow case …`: the tech-transfer office's commands. They go through the HTTP API with
// an API key (TRANSFERFLOW_API_URL, default http://127.0.0.1:3000; TRANSFERFLOW_API_KEY), so
// every decision is made by an authenticated actor in a role allowed to make it.
import { apiRequest as request } from './api-client';
import { readJsonInput } from './io';
import { table } from './format';
import type { RightsGrantView } from '../../workflows/rights-grant-definitions';
import type { LicenceView } from '../../workflows/deferred-licence-definitions';
import { formatLicence } from './licence';
import { formatReview } from './review';
import type { ReviewView } from '../../workflows/diligence-exemption-definitions';

export function formatCase(v: RightsGrantView | LicenceView | ReviewView): string {
  if (v.kind === 'deferred-licence') return formatLicence(v);
  if (v.kind === 'diligence-exemption') return formatReview(v);
  const lines = [
    `case ${v.caseId}  ${v.stage.toUpperCase()}  (${v.eligibility.decision} under ${v.eligibility.policy.id}@${v.eligibility.policy.version})`,
    v.pending ? `  waiting for: ${v.pending.roles.join(' or ')}${v.pending.dueAt ? `, due ${v.pending.dueAt}` : ''}${v.pending.escalated ? ' (escalated)' : ''}` : '  waiting for: nobody',
  ];
  if (v.publicityEndsOn) lines.push(`  publicity ends ${v.publicityEndsOn}`);
  if (v.ltuExpiresOn) lines.push(`  long-term use right until ${v.ltuExpiresOn}`);
  lines.push('', table([['when', 'step', 'action', 'by', 'reason'], ...v.history.map((h) => [h.at.slice(0, 16).replace('T', ' '), h.stage, h.action, `${h.actor.id} (${h.actor.role})`, h.reason ?? h.reference ?? ''])]));
  return lines.join('\n');
}

export const caseCommands = {
  async start(kind: string, input: string): Promise<RightsGrantView | LicenceView | ReviewView> {
    return (await request('POST', `/v1/cases/${encodeURIComponent(kind)}`, readJsonInput(input))) as RightsGrantView | LicenceView | ReviewView;
  },
  async act(caseId: string, body: { action: string; reason?: string; reference?: string; amountCny?: number; payer?: string; renewal?: unknown; actionId?: string }): Promise<RightsGrantView | LicenceView | ReviewView> {
    return (await request('POST', `/v1/cases/${encodeURIComponent(caseId)}/actions`, body)) as RightsGrantView | LicenceView | ReviewView;
  },
  async show(caseId: string): Promise<RightsGrantView | LicenceView | ReviewView> {
    return (await request('GET', `/v1/cases/${encodeURIComponent(caseId)}`)) as RightsGrantView | LicenceView | ReviewView;
  },
  async tasks(role?: string): Promise<{ role: string; items: Array<{ caseId: string; stage: string; dueAt: string | null; escalated: boolean; title: string | null }> }> {
    return (await request('GET', `/v1/tasks${role ? `?role=${encodeURIComponent(role)}` : ''}`)) as never;
  },
};
