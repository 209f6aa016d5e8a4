// The `transferflow` command line (CONTRACT.md). Exit codes: 0 done (a rejection is a done
// evaluation), 2 invalid input (JSON issues on stderr), 3 a server unreachable, 1 anything else.
// Each area registers its own commands; this file holds what is process-wide: who acts, and how
// an error ends the process (its row in client/errors.ts).
import { Command, CommanderError } from 'commander';
import { userInfo } from 'node:os';
import { problemFor } from '../errors';
import { config } from '../config';
import { ExitError } from './exit-error';
import { registerEvaluateCommands } from './evaluate';
import { registerPolicyCommands } from './policies';
import { registerDatabaseCommands } from './database';
import { registerStackCommands, registerWorkerCommands } from './servers';
import { registerAuditCommands } from './audit';
import { registerLoanCommands } from './loan';
import { registerCaseCommands } from './case';
import { registerReviewCommands } from './review';
import { registerLicenceCommands } from './licence';
import { registerCalendarCommands } from './calendar';

/** Who acts from the command line: TRANSFERFLOW_ACTOR, else the operating-system user. */
function cliActor() {
  return { id: config().cli.actor ?? `cli:${userInfo().username}`, role: 'operator' };
}

function program(): Command {
  const cli = new Command('transferflow')
    .description('Technology-transfer workflows and M&A loan checks on Temporal')
    .exitOverride()
    .showHelpAfterError();
  // In the order `--help` lists them.
  registerEvaluateCommands(cli);
  registerPolicyCommands(cli);
  registerCalendarCommands(cli);
  registerDatabaseCommands(cli);
  registerStackCommands(cli);
  registerAuditCommands(cli);
  registerWorkerCommands(cli);
  registerLoanCommands(cli, cliActor);
  registerCaseCommands(cli);
  registerReviewCommands(cli);
  registerLicenceCommands(cli);
  return cli;
}

export async function main(argv: string[]): Promise<void> {
  try {
    // The environment is checked before any command runs: a bad variable is exit 2, naming it.
    config();
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
