// The `transferflow` command line (CONTRACT.md). Exit codes: 0 done (a rejection is a done
// evaluation), 2 invalid input (JSON issues on stderr), 3 a server unreachable, 1 anything else.
import { Command, CommanderError } from 'commander';
import { allPacks, packHash } from '../../policies/registry';
import { MECHANISMS } from '../../policies/types';
import { openDatabase } from '../../prisma/database';
import type { MaLoanDecision } from '../../policies/ma-loan/evaluate';
import { InvalidInputError } from '../issues';
import { evaluate } from '../evaluate';
import { submitLoanCheck, validateLoanRequest } from '../loan-checks';
import { connectClient } from '../temporal';
import { problemFor } from '../errors';
import { readJsonInput } from './io';
import { formatLoanDecision, formatPacks } from './format';
import { userInfo } from 'node:os';
import { ExitError } from './exit-error';
import { caseCommands, formatCase } from './case';
import { amountArg, formatLedger, formatLicence, licenceCommands } from './licence';
import { formatReview, reviewCommands, uploadEvidence } from './review';
import { table } from './format';


/** The database, or exit 3 naming why it cannot be opened. */
async function openDatabaseOrExit() {
  return openDatabase().catch((e: Error) => {
    throw new ExitError(3, `cannot open the database: ${e.message}`);
  });
}

function print(value: unknown, asJson: boolean, human: () => string): void {
  process.stdout.write(asJson ? `${JSON.stringify(value, null, 2)}\n` : `${human()}\n`);
}

/** Who acts from the command line: TRANSFERFLOW_ACTOR, else the operating-system user. */
function cliActor() {
  return { id: process.env.TRANSFERFLOW_ACTOR ?? `cli:${userInfo().username}`, role: 'operator' };
}

function program(): Command {
  const cli = new Command('transferflow')
    .description('Technology-transfer workflows and M&A loan checks on Temporal')
    .exitOverride()
    .showHelpAfterError();

  cli
    .command('evaluate <mechanism>')
    .description(`pure policy evaluation; prints the decision JSON (mechanisms: ${MECHANISMS.join(', ')})`)
    .requiredOption('--input <file>', 'request JSON file, or - for standard input')
    .action((mechanism: string, opts: { input: string }) => {
      print(evaluate(mechanism, readJsonInput(opts.input)), true, () => '');
    });

  cli
    .command('policies')
    .description('policy packs')
    .command('list')
    .description('the packs with scope, dates, sources and confidence')
    .option('--mechanism <m>', 'only this mechanism')
    .option('--json', 'JSON output')
    .action((opts: { mechanism?: string; json?: boolean }) => {
      if (opts.mechanism && !(MECHANISMS as readonly string[]).includes(opts.mechanism)) {
        throw new InvalidInputError([{ path: 'mechanism', message: `unknown mechanism; one of ${MECHANISMS.join(', ')}` }]);
      }
      const packs = allPacks().filter((p) => !opts.mechanism || p.mechanism === opts.mechanism).map((p) => ({ ...p, hash: packHash(p) }));
      print(packs, Boolean(opts.json), () => formatPacks(packs));
    });

  cli
    .command('db')
    .description('database')
    .command('migrate')
    .description('apply pending migrations (DATABASE_URL, or the embedded PGlite)')
    .action(async () => {
      const db = await openDatabaseOrExit();
      try {
        const report = await db.migrate((line) => process.stderr.write(`${line}\n`)).catch((e: Error) => {
          throw new ExitError(3, `cannot migrate ${db.location}: ${e.message}`);
        });
        process.stdout.write(`${db.kind} ${db.location}: ${report.applied.length} applied, ${report.alreadyApplied.length} already applied\n`);
      } finally {
        await db.close();
      }
    });

  cli.command('dev').description('the embedded stack: Temporal dev server, database, worker, HTTP API').action(async () => {
    const { runStackCommand } = await import('./dev');
    await runStackCommand('dev');
  });

  cli.command('serve').description('worker and HTTP API for production (TEMPORAL_*, DATABASE_URL, TRANSFERFLOW_API_KEYS)').action(async () => {
    const { runStackCommand } = await import('./dev');
    await runStackCommand('serve');
  });

  const audit = cli.command('audit').description('the auditor\'s tools');
  audit
    .command('chain')
    .description("verify the audit log's hash chain in the database (DATABASE_URL, or the embedded PGlite when the stack is stopped); exit 1 if broken")
    .option('--json', 'JSON output')
    .action(async (opts: { json?: boolean }) => {
      const { verifyAuditChain } = await import('../../activities/audit-chain');
      const db = await openDatabaseOrExit();
      try {
        await db.migrate(); // an older database gets the chain columns first (its older entries have no hashes)
        const report = await verifyAuditChain(db.prisma, (n) => process.stderr.write(`\rchecked ${n} entries`));
        process.stderr.write('\n');
        print(report, Boolean(opts.json), () =>
          report.verified ? `audit log intact: ${report.entries - report.unchained} entries chained${report.unchained ? `, ${report.unchained} older unchained entries before them` : ''}` : `audit log BROKEN at seq ${report.firstBroken!.seq} (${report.firstBroken!.eventKey}): ${report.firstBroken!.reason}`);
        process.exitCode = report.verified ? 0 : 1;
      } finally {
        await db.close();
      }
    });
  audit
    .command('export <workflowId>')
    .description('write the case\'s audit bundle (histories, records, audit log, packs, summary, SHA-256 manifest) through the API')
    .requiredOption('--out <dir>', 'folder to write')
    .action(async (workflowId: string, opts: { out: string }) => {
      const { runAuditExport } = await import('./audit-export');
      const bundle = await runAuditExport(workflowId, opts.out);
      const ok = bundle.chain.verified && bundle.verdicts.every((v) => v.verified);
      process.stdout.write(`${bundle.summary.split('\n').slice(0, 7).join('\n')}\n\nwritten to ${opts.out}\n`);
      process.exitCode = ok ? 0 : 1;
    });
  audit
    .command('what-if')
    .description('re-evaluate past decisions under another pack and list those that would change (through the API, auditor key)')
    .requiredOption('--mechanism <m>', 'ma-loan or rights-grant')
    .requiredOption('--policy <id@version>', 'the pack to apply')
    .option('--since <date>', 'decision dates on or after')
    .option('--until <date>', 'decision dates before')
    .option('--jurisdiction <key>', 'only this jurisdiction (e.g. chongqing)')
    .option('--json', 'JSON output')
    .option('--csv', 'CSV output')
    .action(async (opts: { mechanism: string; policy: string; since?: string; until?: string; jurisdiction?: string; json?: boolean; csv?: boolean }) => {
      const { apiRequest } = await import('./api-client');
      const report = (await apiRequest('POST', '/v1/audit/what-if', {
        mechanism: opts.mechanism, policy: opts.policy, since: opts.since, until: opts.until, jurisdiction: opts.jurisdiction,
      })) as import('../audit/what-if').WhatIfReport;
      if (opts.csv) {
        const rows = [['id', 'asOf', 'jurisdiction', 'recorded', 'recordedPolicy', 'wouldBe', 'failingChecks'], ...report.changed.map((c) => [c.id, c.asOf, c.jurisdiction ?? '', c.recorded.decision, c.recorded.policy, c.wouldBe, c.failingChecks.join(' ')])];
        process.stdout.write(`${rows.map((r) => r.map((v) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v)).join(',')).join('\n')}\n`);
        return;
      }
      print(report, Boolean(opts.json), () => [
        `${report.changed.length} of ${report.considered} ${report.mechanism} decisions would change under ${report.policy}`,
        '',
        table([['change', 'count'], ...Object.entries(report.counts).map(([k, n]) => [k, String(n)])]),
        '',
        table([['case', 'asOf', 'recorded', 'would be', 'failing checks'], ...report.changed.map((c) => [c.id, c.asOf, `${c.recorded.decision} (${c.recorded.policy})`, c.wouldBe, c.failingChecks.join(', ')])]),
      ].join('\n'));
    });
  audit
    .command('replay [workflowIds...]')
    .description('replay histories against this code and re-derive every recorded decision; exit 0 only if all verify')
    .option('--dir <histories>', 'a folder of history JSON files or an exported bundle (no server needed)')
    .option('--query <visibility query>', "the workflows matching a Temporal visibility query, e.g. \"CaseKind = 'ma-loan'\"")
    .option('--json', 'JSON output')
    .action(async (ids: string[], opts: { dir?: string; query?: string; json?: boolean }) => {
      const { runAuditReplay } = await import('./audit-replay');
      process.exitCode = await runAuditReplay(ids, opts);
    });

  cli.command('worker').description('run a worker (TEMPORAL_ADDRESS, DATABASE_URL)').action(async () => {
    const { runWorker } = await import('../../worker/main');
    await runWorker();
  });

  const loan = cli.command('loan').description('M&A loan checks (needs Temporal)');
  loan
    .command('check')
    .description('run the maLoanCheck workflow and print its recorded decision')
    .requiredOption('--input <file>', 'request JSON file, or - for standard input')
    .option('--json', 'JSON output')
    .action(async (opts: { input: string; json?: boolean }) => {
      const request = validateLoanRequest(readJsonInput(opts.input));
      const client = await connectClient();
      try {
        const { result } = await submitLoanCheck(client, request, cliActor());
        const decided = await result;
        print(decided, Boolean(opts.json), () => formatLoanDecision(decided as MaLoanDecision & { workflowId: string }));
      } finally {
        await client.connection.close();
      }
    });

  const kase = cli.command('case').description('rights-grant cases and licences, through the API (TRANSFERFLOW_API_URL, TRANSFERFLOW_API_KEY)');
  kase
    .command('start <kind>')
    .description('launch a case: JSON with caseId and the request (kinds: rights-grant, deferred-licence, diligence-exemption)')
    .requiredOption('--input <file>', 'JSON file, or - for standard input')
    .option('--json', 'JSON output')
    .action(async (kind: string, opts: { input: string; json?: boolean }) => {
      const view = await caseCommands.start(kind, opts.input);
      print(view, Boolean(opts.json), () => formatCase(view));
    });
  kase
    .command('act <caseId> <action>')
    .description('act on a case. Rights grants: approve, reject, object, sign, report-commercialised, extend, decline-extension. Licences: sign, register, report-usage, report-revenue, record-payment, resume, terminate, patent-lapsed, convert, renew, close. Reviews: accept, decline, apply-result, complete-action')
    .option('--reason <text>', 'why (reject, object, extend, decline-extension; resume, terminate, patent-lapsed, convert)')
    .option('--reference <ref>', 'the agreement or contract (sign), registration number (register), payment reference (record-payment)')
    .option('--amount <cny>', 'revenue or payment in CNY', amountArg)
    .option('--payer <name>', 'who paid (record-payment)')
    .option('--renewal <file>', 'new payment terms as JSON (renew)')
    .option('--action-id <id>', 'the corrective action completed (complete-action)')
    .option('--json', 'JSON output')
    .action(async (caseId: string, action: string, opts: { reason?: string; reference?: string; amount?: number; payer?: string; renewal?: string; actionId?: string; json?: boolean }) => {
      const view = await caseCommands.act(caseId, { action, reason: opts.reason, reference: opts.reference, amountCny: opts.amount, payer: opts.payer, renewal: opts.renewal ? readJsonInput(opts.renewal) : undefined, actionId: opts.actionId });
      print(view, Boolean(opts.json), () => formatCase(view));
    });
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
    .description("what your role (or, for admin, --role) must decide now")
    .option('--role <role>', 'admin only: another role')
    .option('--json', 'JSON output')
    .action(async (opts: { role?: string; json?: boolean }) => {
      const tasks = await caseCommands.tasks(opts.role);
      print(tasks, Boolean(opts.json), () =>
        table([['case', 'stage', 'due', 'escalated', 'result'], ...tasks.items.map((t) => [t.caseId, t.stage, t.dueAt ?? '—', t.escalated ? 'yes' : '', t.title ?? ''])]));
    });

  const review = cli.command('review').description('due-diligence exemption reviews: evidence, findings, determination (through the API)');
  review
    .command('evidence <file>')
    .description('upload a document to the evidence store; prints the name and SHA-256 a finding cites')
    .option('--name <name>', 'the name findings will cite (default: the file name)')
    .action(async (file: string, opts: { name?: string }) => {
      process.stdout.write(`${JSON.stringify(await uploadEvidence(file, opts.name))}\n`);
    });
  review
    .command('finding <caseId> <subject> <item> <value>')
    .description('confirm or refute one item (subject "unit" for the transfer facts, or an applicant for a negative-list item), citing documents')
    .option('--evidence <file...>', 'documents to upload and cite')
    .option('--note <text>', 'what the documents show')
    .option('--json', 'JSON output')
    .action(async (caseId: string, subject: string, item: string, value: string, opts: { evidence?: string[]; note?: string; json?: boolean }) => {
      const view = await reviewCommands.finding(caseId, subject, item, value, opts.evidence ?? [], opts.note);
      print(view, Boolean(opts.json), () => formatReview(view));
    });
  review
    .command('determine <caseId>')
    .description('the committee\'s determination: JSON { outcomes: [{ person, outcome: exempt|partly|not, reason? }], correctiveActions?: [{ description, owner, dueOn }] }')
    .requiredOption('--input <file>', 'JSON file, or - for standard input')
    .option('--json', 'JSON output')
    .action(async (caseId: string, opts: { input: string; json?: boolean }) => {
      const view = await reviewCommands.determine(caseId, opts.input);
      print(view, Boolean(opts.json), () => formatReview(view));
    });

  const licence = cli.command('licence').description('use-first-pay-later licences: revenue, payments, ledger, payments due (through the API)');
  licence
    .command('revenue <caseId> <amountCny>')
    .description('report revenue from the licensed result (licensee, tto, admin)')
    .option('--note <text>', 'what the revenue is')
    .option('--json', 'JSON output')
    .action(async (caseId: string, amount: string, opts: { note?: string; json?: boolean }) => {
      const view = await licenceCommands.revenue(caseId, amountArg(amount), opts.note);
      print(view, Boolean(opts.json), () => formatLicence(view));
    });
  licence
    .command('pay <caseId> <amountCny>')
    .description('record money received (tto, admin); the same --reference is applied once')
    .requiredOption('--reference <ref>', 'bank or receipt reference')
    .requiredOption('--payer <name>', 'who paid (the licensee, or the insurer after a claim)')
    .option('--json', 'JSON output')
    .action(async (caseId: string, amount: string, opts: { reference: string; payer: string; json?: boolean }) => {
      const view = await licenceCommands.pay(caseId, { amountCny: amountArg(amount), reference: opts.reference, payer: opts.payer });
      print(view, Boolean(opts.json), () => `${view.applied ? 'applied' : `already applied earlier (reference ${opts.reference}): nothing changed`}\n${formatLicence(view)}`);
    });
  licence
    .command('ledger <caseId>')
    .description('schedule, totals and every ledger entry, reconciled')
    .option('--json', 'JSON output')
    .action(async (caseId: string, opts: { json?: boolean }) => {
      const ledger = await licenceCommands.ledger(caseId);
      print(ledger, Boolean(opts.json), () => formatLedger(ledger));
    });
  licence
    .command('due')
    .description('licences with an unpaid amount due within --days days, or overdue')
    .option('--days <n>', 'look ahead this many days', '30')
    .option('--json', 'JSON output')
    .action(async (opts: { days: string; json?: boolean }) => {
      const due = await licenceCommands.due(Number(opts.days));
      print(due, Boolean(opts.json), () =>
        `due by ${due.until}:\n${table([['licence', 'licensee', 'stage', 'due on', 'amount', 'overdue'], ...due.items.map((d) => [d.caseId, d.licensee ?? '', d.stage, d.dueOn, d.amountCny ?? '', d.overdueCny ?? ''])])}`);
    });

  return cli;
}


export async function main(argv: string[]): Promise<void> {
  try {
    await program().parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end here too, with exit code 0.
      process.exitCode = error.exitCode === 0 ? 0 : 2;
      return;
    }
    // ExitError names its own code; every other error has its row in the shared table.
    const problem = error instanceof ExitError ? null : problemFor(error);
    if (problem && 'issues' in problem.body) process.stderr.write(`${JSON.stringify(problem.body)}\n`);
    else process.stderr.write(`transferflow: ${(error as Error).message ?? error}\n`);
    process.exitCode = error instanceof ExitError ? error.exitCode : problem!.exitCode;
  }
}
