// `transferflow dev|serve|worker`: the long-running processes. Their code is loaded only when
// one is run, so the other commands start quickly.
import type { Command } from 'commander';

export function registerStackCommands(cli: Command): void {
  cli
    .command('dev')
    .description('the embedded stack: Temporal dev server, database, worker, HTTP API')
    .option(
      '--training',
      'training mode: the time-skipping test server and a data folder of its own, with a "skip ahead N days" control on every console page',
    )
    .action(async (options: { training?: boolean }) => {
      const { runStackCommand } = await import('./dev');
      await runStackCommand('dev', { training: options.training });
    });

  cli
    .command('serve')
    .description('worker and HTTP API for production (TEMPORAL_*, DATABASE_URL, TRANSFERFLOW_API_KEYS)')
    .option('--no-worker', 'the HTTP API alone: workers run as their own processes (`transferflow worker`)')
    .action(async (options: { worker: boolean }) => {
      const { runStackCommand } = await import('./dev');
      await runStackCommand('serve', { worker: options.worker });
    });
}

export function registerWorkerCommands(cli: Command): void {
  cli
    .command('worker')
    .description('run a worker (TEMPORAL_ADDRESS, DATABASE_URL)')
    .action(async () => {
      const { runWorker } = await import('../../worker/main');
      await runWorker();
    });
}
