// `transferflow loan check`: runs the loan-check workflow straight on Temporal (no API key) and
// prints the recorded decision.
import type { Command } from 'commander';
import type { MaLoanDecision } from '../../policies/ma-loan/evaluate';
import type { Actor } from '../../workflows/definitions';
import { submitLoanCheck, validateLoanRequest } from '../loan-checks';
import { connectClient } from '../temporal';
import { formatLoanDecision } from './format';
import { print, readJsonInput } from './io';

/** `actor`: who the decision is recorded as submitted by (the CLI's user). */
export function registerLoanCommands(cli: Command, actor: () => Actor): void {
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
        const { result } = await submitLoanCheck(client, request, actor());
        const decided = await result;
        print(decided, Boolean(opts.json), () =>
          formatLoanDecision(decided as MaLoanDecision & { workflowId: string }),
        );
      } finally {
        await client.connection.close();
      }
    });
}
