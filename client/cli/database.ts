// `transferflow db migrate`, and opening the database for any command that reads it directly.
import type { Command } from 'commander';
import { openDatabase } from '../../prisma/database';
import { ExitError } from './exit-error';
import { FolderLockedError } from '../folder-lock';

/** The database, or exit 3 naming why it cannot be opened. */
export async function openDatabaseOrExit() {
  return openDatabase().catch((e: Error) => {
    // A folder a running stack holds is no outage (exit 1): the message names the holder's pid.
    throw new ExitError(e instanceof FolderLockedError ? 1 : 3, `cannot open the database: ${e.message}`);
  });
}

export function registerDatabaseCommands(cli: Command): void {
  cli
    .command('db')
    .description('database')
    .command('migrate')
    .description('apply pending migrations (DATABASE_URL, or the embedded PGlite)')
    .action(async () => {
      const db = await openDatabaseOrExit();
      try {
        const report = await db
          .migrate((line) => process.stderr.write(`${line}\n`))
          .catch((e: Error) => {
            throw new ExitError(3, `cannot migrate ${db.location}: ${e.message}`);
          });
        process.stdout.write(
          `${db.kind} ${db.location}: ${report.applied.length} applied, ${report.alreadyApplied.length} already applied\n`,
        );
      } finally {
        await db.close();
      }
    });
}
