// `transferflow review …`: exemption reviews through the HTTP API — upload a document and cite it
// in a finding in one step, record the committee's determination, show the determination with
// its reasons and the evidence it relied on.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { apiRequest as request } from './api-client';
import { table } from './format';
import { readJsonInput } from './io';
import { InvalidInputError } from '../issues';
import type { EvidenceRef, ReviewView } from '../../workflows/diligence-exemption-definitions';
import type { Command } from 'commander';
import { print } from './io';

export function formatReview(v: ReviewView): string {
  const lines = [
    `review ${v.caseId}  ${v.stage.toUpperCase()}  under ${v.policy.id}@${v.policy.version}${v.request.linkedCaseId ? `  (raised from case ${v.request.linkedCaseId})` : ''}`,
    `  ${v.request.trigger.kind}: ${v.request.trigger.description}`,
    v.pending
      ? `  waiting for: ${v.pending.roles.join(' or ')}${v.pending.dueAt ? `, due ${v.pending.dueAt}` : ''}${v.pending.escalated ? ' (escalated)' : ''}`
      : '  waiting for: nobody',
  ];
  if (v.open.length && v.stage === 'evidence-review')
    lines.push(`  still to find: ${v.open.map((o) => `${o.subject}/${o.item}`).join(', ')}`);
  if (v.preliminary) {
    lines.push(
      '',
      table([
        ['person', 'role', 'preliminary', 'failed checks', 'negative list'],
        ...v.preliminary.map((p) => [
          p.person,
          p.role,
          p.decision.decision,
          p.decision.checks
            .filter((c) => !c.passed)
            .map((c) => c.id)
            .join(', '),
          p.decision.negativeListHits.join(', '),
        ]),
      ]),
    );
  }
  if (v.determination) {
    lines.push(
      '',
      `determination by ${v.determination.actor.id} (${v.determination.actor.role}) at ${v.determination.at}:`,
    );
    lines.push(
      table([
        ['person', 'outcome', 'reason'],
        ...v.determination.outcomes.map((o) => [o.person, o.outcome, o.reason ?? '(as the preliminary finding)']),
      ]),
    );
    lines.push(`relied on: ${v.determination.evidence.map((e) => `${e.name} (${e.sha256.slice(0, 12)}…)`).join(', ')}`);
  }
  if (v.correctiveActions.length)
    lines.push(
      '',
      table([
        ['action', 'description', 'owner', 'due', 'done'],
        ...v.correctiveActions.map((c) => [
          c.id,
          c.description,
          c.owner,
          c.dueOn,
          c.done ? `yes (${c.reference ?? ''})` : 'no',
        ]),
      ]),
    );
  lines.push(
    '',
    table([
      ['when', 'stage', 'event', 'by', 'detail'],
      ...v.history.map((h) => [
        h.at.slice(0, 16).replace('T', ' '),
        h.stage,
        h.action,
        `${h.actor.id} (${h.actor.role})`,
        [h.subject && h.item ? `${h.subject}/${h.item}` : h.subject, h.reason ?? h.reference]
          .filter(Boolean)
          .join(': '),
      ]),
    ]),
  );
  return lines.join('\n');
}

/** Uploads a file to the evidence store; the answer is what a finding cites. */
export async function uploadEvidence(
  file: string,
  name = path.basename(file),
): Promise<EvidenceRef & { size: number }> {
  const content = readFileSync(file);
  return (await request('POST', `/v1/evidence?name=${encodeURIComponent(name)}`, undefined, {
    content,
    type: 'application/octet-stream',
  })) as EvidenceRef & { size: number };
}

export function findingValue(text: string): boolean | 'listing' | 'auction' | 'negotiated' {
  if (text === 'true' || text === 'false') return text === 'true';
  if (text === 'listing' || text === 'auction' || text === 'negotiated') return text;
  throw new InvalidInputError([
    {
      path: 'value',
      message: `"${text}" is not a finding: true, false, or (for pricing) listing, auction, negotiated`,
    },
  ]);
}

const act = (caseId: string, body: object) =>
  request('POST', `/v1/cases/${encodeURIComponent(caseId)}/actions`, body) as Promise<ReviewView>;

export const reviewCommands = {
  async finding(
    caseId: string,
    subject: string,
    item: string,
    value: string,
    files: string[],
    note?: string,
  ): Promise<ReviewView> {
    if (!files.length)
      throw new InvalidInputError([{ path: 'evidence', message: 'cite at least one document: --evidence <file>' }]);
    const evidence: EvidenceRef[] = [];
    for (const f of files) {
      const stored = await uploadEvidence(f);
      evidence.push({ name: stored.name, sha256: stored.sha256 });
    }
    return act(caseId, { action: 'finding', subject, item, value: findingValue(value), evidence, note });
  },
  determine: (caseId: string, input: string) =>
    act(caseId, { action: 'determine', ...(readJsonInput(input) as object) }),
};

/** `transferflow review evidence|finding|determine`. */
export function registerReviewCommands(cli: Command): void {
  const review = cli
    .command('review')
    .description('due-diligence exemption reviews: evidence, findings, determination (through the API)');
  review
    .command('evidence <file>')
    .description('upload a document to the evidence store; prints the name and SHA-256 a finding cites')
    .option('--name <name>', 'the name findings will cite (default: the file name)')
    .action(async (file: string, opts: { name?: string }) => {
      process.stdout.write(`${JSON.stringify(await uploadEvidence(file, opts.name))}\n`);
    });
  review
    .command('finding <caseId> <subject> <item> <value>')
    .description(
      'confirm or refute one item (subject "unit" for the transfer facts, or an applicant for a negative-list item), citing documents',
    )
    .option('--evidence <file...>', 'documents to upload and cite')
    .option('--note <text>', 'what the documents show')
    .option('--json', 'JSON output')
    .action(
      async (
        caseId: string,
        subject: string,
        item: string,
        value: string,
        opts: { evidence?: string[]; note?: string; json?: boolean },
      ) => {
        const view = await reviewCommands.finding(caseId, subject, item, value, opts.evidence ?? [], opts.note);
        print(view, Boolean(opts.json), () => formatReview(view));
      },
    );
  review
    .command('determine <caseId>')
    .description(
      "the committee's determination: JSON { outcomes: [{ person, outcome: exempt|partly|not, reason? }], correctiveActions?: [{ description, owner, dueOn }] }",
    )
    .requiredOption('--input <file>', 'JSON file, or - for standard input')
    .option('--json', 'JSON output')
    .action(async (caseId: string, opts: { input: string; json?: boolean }) => {
      const view = await reviewCommands.determine(caseId, opts.input);
      print(view, Boolean(opts.json), () => formatReview(view));
    });
}
