// The Temporal SDK runtime is process-wide and installed once: its log level
// (TRANSFERFLOW_LOG_LEVEL, default WARN), native logs forwarded to it, everything written to
// stderr (stdout belongs to command output such as --json), and whether it drains workers on
// SIGINT/SIGTERM itself; and, with TRANSFERFLOW_WORKER_METRICS, the SDK's own Prometheus endpoint
// (worker task slots, poll and schedule-to-start latencies, sticky cache) on that address.
import { DefaultLogger, Runtime, type LogLevel } from '@temporalio/worker';
import { config } from '../client/config';

export function installRuntime(options: { handleSignals: boolean }): void {
  const level: LogLevel = config().worker.logLevel;
  const metricsAddress = config().metrics.workerAddress;
  Runtime.install({
    logger: new DefaultLogger(level, (entry) => {
      const meta = entry.meta && Object.keys(entry.meta).length ? ` ${JSON.stringify(entry.meta)}` : '';
      process.stderr.write(
        `${new Date(Number(entry.timestampNanos / 1_000_000n)).toISOString()} [${entry.level}] ${entry.message}${meta}\n`,
      );
    }),
    telemetryOptions: {
      logging: { filter: { core: level, other: 'ERROR' }, forward: {} },
      ...(metricsAddress
        ? { metrics: { prometheus: { bindAddress: metricsAddress, countersTotalSuffix: true, unitSuffix: true } } }
        : {}),
    },
    // SIGHUP (the terminal closed) stops a worker like Ctrl-C: the SDK's default list lacks it.
    shutdownSignals: options.handleSignals ? ['SIGINT', 'SIGTERM', 'SIGQUIT', 'SIGUSR2', 'SIGHUP'] : [],
  });
}
