// The Temporal SDK runtime is process-wide and installed once: its log level
// (TRANSFERFLOW_LOG_LEVEL, default WARN) and whether it drains workers on SIGINT/SIGTERM itself.
import { DefaultLogger, Runtime, type LogLevel } from '@temporalio/worker';

export function installRuntime(options: { handleSignals: boolean }): void {
  Runtime.install({
    logger: new DefaultLogger((process.env.TRANSFERFLOW_LOG_LEVEL ?? 'WARN') as LogLevel),
    ...(options.handleSignals ? {} : { shutdownSignals: [] }),
  });
}
