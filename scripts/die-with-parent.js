// Runs a command as a child that cannot outlive its parent: `node die-with-parent.js <cmd> [args…]`.
// The parent holds this process's stdin; when the parent ends in any way (SIGKILL included, which
// no handler sees), the pipe closes and the command is stopped — SIGTERM, then SIGKILL after 5 s.
// Signals sent to this process are passed on. Used for the Temporal dev server (client/dev-server.ts).
const { spawn } = require('node:child_process');

const [command, ...args] = process.argv.slice(2);
const child = spawn(command, args, { stdio: ['ignore', 'inherit', 'inherit'] });

function stop(signal) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill(signal);
  setTimeout(() => child.kill('SIGKILL'), 5000).unref();
}

process.stdin.on('end', () => stop('SIGTERM'));
process.stdin.on('error', () => stop('SIGTERM'));
process.stdin.resume();
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => stop(signal));

child.on('error', (error) => {
  process.stderr.write(`cannot run ${command}: ${error.message}\n`);
  process.exit(127);
});
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 128 : 1)));
