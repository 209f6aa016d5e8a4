// `transferflow case …`: the tech-transfer office's commands. They go through the HTTP API with
// an API key (TRANSFERFLOW_API_URL, default http://127.0.0.1:3000; TRANSFERFLOW_API_KEY), so
// every decision is made by an authenticated actor in a role allowed to make it.
import { apiRequest as request } from './api-client';
import { readJsonInput } from './io';
import { table } from './format';
import type { RightsGrantView } from '../../workflows/rights-grant-definitions';
import type { LicenceView } from '../../workflows/deferred-licence-definitions';
import { amountArg, formatLicence } from './licence';
import { formatReview } from './review';
import type { ReviewView } from '../../workflows/diligence-exemption-definitions';
import type { Command } from 'commander';
import { print } from './io';

export function formatCase(v: RightsGrantView | LicenceView | ReviewView): string {
  if (v.kind === 'deferred-licence') return formatLicence(v);
  if (v.kind === 'diligence-exemption') return formatReview(v);
  const lines = [
    `case ${v.caseId}  ${v.stage.toUpperCase()}  (${v.eligibility.decision} under ${v.eligibility.policy.id}@${v.eligibility.policy.version})`,
    v.pending
      ? `  waiting for: ${v.pending.roles.join(' or ')}${v.pending.dueAt ? `, due ${v.pending.dueAt}` : ''}${v.pending.escalated ? ' (escalated)' : ''}`
      : '  waiting for: nobody',
  ];
  if (v.publicityEndsOn)
    lines.push(
      `  publicity ends ${v.publicityEndsOn}${v.publicityEndsOnAssumed ? ' (assumed: counted on weekends only, no holiday notice for its year yet)' : ''}`,
    );
  if (v.ltuExpiresOn) lines.push(`  long-term use right until ${v.ltuExpiresOn}`);
  lines.push(
    '',
    table([
      ['when', 'step', 'action', 'by', 'reason'],
      ...v.history.map((h) => [
        h.at.slice(0, 16).replace('T', ' '),
        h.stage,
        h.action,
        `${h.actor.id} (${h.actor.role})`,
        h.reason ?? h.reference ?? '',
      ]),
    ]),
  );
  return lines.join('\n');
}

export const caseCommands = {
  async start(kind: string, input: string): Promise<RightsGrantView | LicenceView | ReviewView> {
    return (await request('POST', `/v1/cases/${encodeURIComponent(kind)}`, readJsonInput(input))) as
      RightsGrantView | LicenceView | ReviewView;
  },
  async act(
    caseId: string,
    body: {
      action: string;
      reason?: string;
      reference?: string;
      amountCny?: number;
      payer?: string;
      renewal?: unknown;
      equity?: unknown;
      actionId?: string;
    },
  ): Promise<RightsGrantView | LicenceView | ReviewView> {
    return (await request('POST', `/v1/cases/${encodeURIComponent(caseId)}/actions`, body)) as
      RightsGrantView | LicenceView | ReviewView;
  },
  async show(caseId: string): Promise<RightsGrantView | LicenceView | ReviewView> {
    return (await request('GET', `/v1/cases/${encodeURIComponent(caseId)}`)) as
      RightsGrantView | LicenceView | ReviewView;
  },
  async tasks(role?: string): Promise<{
    role: string;
    items: Array<{ caseId: string; stage: string; dueAt: string | null; escalated: boolean; title: string | null }>;
  }> {
    return (await request('GET', `/v1/tasks${role ? `?role=${encodeURIComponent(role)}` : ''}`)) as never;
  },
};

/** `transferflow case start|act|show|tasks`. */
export function registerCaseCommands(cli: Command): void {
  const kase = cli
    .command('case')
    .description('rights-grant cases and licences, through the API (TRANSFERFLOW_API_URL, TRANSFERFLOW_API_KEY)');
  kase
    .command('start <kind>')
    .description(
      'launch a case: JSON with caseId and the request (kinds: rights-grant, deferred-licence, diligence-exemption)',
    )
    .requiredOption('--input <file>', 'JSON file, or - for standard input')
    .option('--json', 'JSON output')
    .action(async (kind: string, opts: { input: string; json?: boolean }) => {
      const view = await caseCommands.start(kind, opts.input);
      print(view, Boolean(opts.json), () => formatCase(view));
    });
  kase
    .command('act <caseId> <action>')
    .description(
      'act on a case. Rights grants: approve, reject, object, sign, report-commercialised, extend, decline-extension. Licences: sign, register, report-usage, report-revenue, record-payment, resume, terminate, patent-lapsed, convert, renew, close. Reviews: accept, decline, apply-result, complete-action',
    )
    .option(
      '--reason <text>',
      'why (reject, object, extend, decline-extension; resume, terminate, patent-lapsed, convert)',
    )
    .option(
      '--reference <ref>',
      'the agreement or contract (sign), registration number (register), payment reference (record-payment)',
    )
    .option('--amount <cny>', 'revenue or payment in CNY', amountArg)
    .option('--payer <name>', 'who paid (record-payment)')
    .option('--renewal <file>', 'new payment terms as JSON (renew)')
    .option(
      '--equity <file>',
      'the shares taken as JSON (convert, licence with reward terms): company, registeredCapitalCny, shares, valuationCny, appraised',
    )
    .option('--action-id <id>', 'the corrective action completed (complete-action)')
    .option('--json', 'JSON output')
    .action(
      async (
        caseId: string,
        action: string,
        opts: {
          reason?: string;
          reference?: string;
          amount?: number;
          payer?: string;
          renewal?: string;
          equity?: string;
          actionId?: string;
          json?: boolean;
        },
      ) => {
        const view = await caseCommands.act(caseId, {
          action,
          reason: opts.reason,
          reference: opts.reference,
          amountCny: opts.amount,
          payer: opts.payer,
          renewal: opts.renewal ? readJsonInput(opts.renewal) : undefined,
          equity: opts.equity ? readJsonInput(opts.equity) : undefined,
          actionId: opts.actionId,
        });
        print(view, Boolean(opts.json), () => formatCase(view));
      },
    );
  kase
    .command('show <caseId>')
    .description('stage, who must act and by when, every decision')
    .option('--json', 'JSON output')
    .action(async (caseId: string, opts: { json?: boolean }) => {
      const view = await caseCommands.show(caseId);
      print(view, Boolean(opts.json), () => formatCase(view));
    });
  kase
    .command('tasks')
    .description('what your role (or, for admin, --role) must decide now')
    .option('--role <role>', 'admin only: another role')
    .option('--json', 'JSON output')
    .action(async (opts: { role?: string; json?: boolean }) => {
      const tasks = await caseCommands.tasks(opts.role);
      print(tasks, Boolean(opts.json), () =>
        table([
          ['case', 'stage', 'due', 'escalated', 'result'],
          ...tasks.items.map((t) => [t.caseId, t.stage, t.dueAt ?? '—', t.escalated ? 'yes' : '', t.title ?? '']),
        ]),
      );
    });
}
