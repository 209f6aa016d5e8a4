// `transferflow audit chain|export|what-if|replay`: the auditor's tools. Heavy parts (the replay
// worker, the bundle writer) are loaded only by the command that needs them.
import type { Command } from 'commander';
import { openDatabaseOrExit } from './database';
import { ExitError } from './exit-error';
import { table } from './format';
import { print } from './io';

export function registerAuditCommands(cli: Command): void {
  const audit = cli.command('audit').description("the auditor's tools");
  audit
    .command('chain')
    .description(
      'verify the audit log in the database (DATABASE_URL, or the embedded PGlite when the stack is stopped): every entry against its Merkle leaf, every signed tree head (and every head kept in --heads) against the entries and the public key; exit 1 on any problem',
    )
    .option(
      '--heads <file>',
      'a kept heads file (`audit heads --export`): detects truncation, rewriting, a forked history',
    )
    .option('--public-key <file>', "the log's public key (PEM); default: the configured key's, or the dev stack's")
    .option('--json', 'JSON output')
    .action(async (opts: { heads?: string; publicKey?: string; json?: boolean }) => {
      const { verifyAuditLog } = await import('../../activities/audit-verify');
      const { verifierPublicKey } = await import('../audit-key');
      const { readKeptHeads } = await import('./audit-heads');
      const publicKey = verifierPublicKey(opts.publicKey ?? opts.heads);
      const kept = opts.heads ? readKeptHeads(opts.heads).heads : undefined;
      const db = await openDatabaseOrExit();
      try {
        // Read-only: an auditor's check never changes the schema of what it checks.
        const pending = await db.pendingMigrations();
        if (pending.length)
          throw new ExitError(
            1,
            `the database at ${db.location} lacks ${pending.length} migration(s) (${pending.join(', ')}): run \`transferflow db migrate\` first`,
          );
        const report = await verifyAuditLog(db.prisma, {
          publicKey,
          kept,
          onProgress: (n) => process.stderr.write(`\rchecked ${n} entries`),
        });
        process.stderr.write('\n');
        print(report, Boolean(opts.json), () =>
          report.verified
            ? `audit log verified: ${report.sequenced} entries under ${report.heads} signed heads (latest: size ${report.latestHead?.treeSize ?? 0}, ${report.latestHead?.timestamp ?? 'none yet'})${report.keptHeads ? `, consistent with ${report.keptHeads} kept heads` : ''}; ${report.pending} entries pending the next head`
            : `audit log NOT VERIFIED:\n${report.problems.map((p) => `  ${p.kind}${p.eventKey ? ` ${p.eventKey}` : ''}${p.leafIndex !== undefined ? ` (leaf ${p.leafIndex})` : ''}: ${p.message}`).join('\n')}`,
        );
        process.exitCode = report.verified ? 0 : 1;
      } finally {
        await db.close();
      }
    });
  audit
    .command('heads')
    .description(
      "fetch the log's signed tree heads through the API, check their signatures and that the log only grew since the newest kept head; --export keeps them in FILE (run it regularly: the heads kept are what later proves truncation or rewriting)",
    )
    .option('--export <file>', 'the kept heads file to check against and add to (made on first use)')
    .option('--public-key <file>', "the log's public key (PEM), to check the server's against on first use")
    .option('--json', 'JSON output')
    .action(async (opts: { export?: string; publicKey?: string; json?: boolean }) => {
      const { runAuditHeads } = await import('./audit-heads');
      const report = await runAuditHeads(opts);
      print(report, Boolean(opts.json), () =>
        report.verified
          ? `heads verified with key ${report.keyId.slice(0, 16)}…: latest size ${report.latest?.treeSize ?? 0} (${report.latest?.timestamp ?? 'none'})${opts.export ? `; ${report.added} added to ${opts.export} (${report.kept + report.added} kept)` : ''}`
          : `heads NOT VERIFIED:\n${report.problems.map((p) => `  ${p}`).join('\n')}${opts.export ? `\n${opts.export} left unchanged` : ''}`,
      );
      process.exitCode = report.verified ? 0 : 1;
    });
  audit
    .command('export <workflowId>')
    .description(
      "write the case's audit bundle (histories, records, audit log with inclusion proofs, packs, summary, signed manifest) through the API",
    )
    .requiredOption('--out <dir>', 'folder to write')
    .action(async (workflowId: string, opts: { out: string }) => {
      const { runAuditExport } = await import('./audit-export');
      const bundle = await runAuditExport(workflowId, opts.out);
      const ok = bundle.log.verified && bundle.verdicts.every((v) => v.verified);
      process.stdout.write(`${bundle.summary.split('\n').slice(0, 7).join('\n')}\n\nwritten to ${opts.out}\n`);
      process.exitCode = ok ? 0 : 1;
    });
  audit
    .command('what-if')
    .description(
      're-evaluate past decisions under another pack and list those that would change (through the API, auditor key)',
    )
    .requiredOption('--mechanism <m>', 'ma-loan, rights-grant or reward')
    .requiredOption('--policy <id@version>', 'the pack to apply')
    .option('--since <date>', 'decision dates on or after')
    .option('--until <date>', 'decision dates before')
    .option('--jurisdiction <key>', 'only this jurisdiction (e.g. chongqing)')
    .option('--json', 'JSON output')
    .option('--csv', 'CSV output')
    .action(
      async (opts: {
        mechanism: string;
        policy: string;
        since?: string;
        until?: string;
        jurisdiction?: string;
        json?: boolean;
        csv?: boolean;
      }) => {
        const { apiRequest } = await import('./api-client');
        const report = (await apiRequest('POST', '/v1/audit/what-if', {
          mechanism: opts.mechanism,
          policy: opts.policy,
          since: opts.since,
          until: opts.until,
          jurisdiction: opts.jurisdiction,
        })) as import('../audit/what-if').WhatIfReport;
        if (opts.csv) {
          const rows = [
            ['id', 'asOf', 'jurisdiction', 'recorded', 'recordedPolicy', 'wouldBe', 'failingChecks'],
            ...report.changed.map((c) => [
              c.id,
              c.asOf,
              c.jurisdiction ?? '',
              c.recorded.decision,
              c.recorded.policy,
              c.wouldBe,
              c.failingChecks.join(' '),
            ]),
          ];
          process.stdout.write(
            `${rows.map((r) => r.map((v) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v)).join(',')).join('\n')}\n`,
          );
          return;
        }
        print(report, Boolean(opts.json), () =>
          [
            `${report.changed.length} of ${report.considered} ${report.mechanism} decisions would change under ${report.policy}`,
            '',
            table([['change', 'count'], ...Object.entries(report.counts).map(([k, n]) => [k, String(n)])]),
            '',
            table([
              ['case', 'asOf', 'recorded', 'would be', 'failing checks'],
              ...report.changed.map((c) => [
                c.id,
                c.asOf,
                `${c.recorded.decision} (${c.recorded.policy})`,
                c.wouldBe,
                c.failingChecks.join(', '),
              ]),
            ]),
          ].join('\n'),
        );
      },
    );
  audit
    .command('reconcile')
    .description(
      'list completed workflows whose decision has no database record, and records no workflow made (through the API, auditor key); exit 1 if any',
    )
    .option('--json', 'JSON output')
    .action(async (opts: { json?: boolean }) => {
      const { apiRequest } = await import('./api-client');
      const { formatReconcile } = await import('./audit-reconcile');
      const report = (await apiRequest(
        'POST',
        '/v1/audit/reconcile',
        {},
      )) as import('../audit/reconcile').ReconcileReport;
      print(report, Boolean(opts.json), () => formatReconcile(report));
      process.exitCode = report.reconciled ? 0 : 1;
    });
  audit
    .command('replay [workflowIds...]')
    .description('replay histories against this code and re-derive every recorded decision; exit 0 only if all verify')
    .option('--dir <histories>', 'a folder of history JSON files or an exported bundle (no server needed)')
    .option(
      '--query <visibility query>',
      'the workflows matching a Temporal visibility query, e.g. "CaseKind = \'ma-loan\'"',
    )
    .option('--public-key <file>', "the log's public key (PEM) a bundle's signed manifest and proofs are checked with")
    .option('--json', 'JSON output')
    .action(async (ids: string[], opts: { dir?: string; query?: string; json?: boolean; publicKey?: string }) => {
      const { runAuditReplay } = await import('./audit-replay');
      process.exitCode = await runAuditReplay(ids, opts);
    });
}
