// The embedded stack's mail server: maildev (SMTP plus a web inbox) as a child process, so a
// newcomer running `npm start` sees the notices the processes send. maildev is an ES module
// package, hence its own process rather than an import; it keeps the mails in its own temporary folder.
import { spawn, type ChildProcess } from 'node:child_process';
import { connect } from 'node:net';
import path from 'node:path';

export interface LocalMail {
  smtpPort: number;
  inboxUrl: string;
  stop(): Promise<void>;
}

const MAILDEV_BIN = path.join(__dirname, '..', 'node_modules', 'maildev', 'dist', 'bin', 'maildev.js');
const DIE_WITH_PARENT = path.join(__dirname, '..', 'scripts', 'die-with-parent.js');

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect(port, '127.0.0.1');
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });
}

export async function startLocalMail(options: { smtpPort: number; uiPort: number }): Promise<LocalMail> {
  if (await accepts(options.smtpPort))
    throw new Error(
      `cannot start the local mail server: port ${options.smtpPort} is in use (set TRANSFERFLOW_MAIL_PORT, or SMTP_HOST for a mail server of your own)`,
    );
  // Through die-with-parent, as the Temporal dev server: a `transferflow dev` killed outright
  // (SIGKILL) must not leave maildev holding the mail port for the next start.
  const child: ChildProcess = spawn(
    process.execPath,
    [
      DIE_WITH_PARENT,
      process.execPath,
      MAILDEV_BIN,
      '--smtp',
      String(options.smtpPort),
      '--ip',
      '127.0.0.1',
      '--web',
      String(options.uiPort),
      '--web-ip',
      '127.0.0.1',
      '--silent',
    ],
    { stdio: ['pipe', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-2000)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const deadline = Date.now() + 30_000;
  while (!(await accepts(options.smtpPort))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill();
      throw new Error(`the local mail server (maildev) did not start: ${stderr.trim() || 'no output'}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    smtpPort: options.smtpPort,
    // maildev 3.0.0 answers 404 at "/" itself; its web inbox is the page below.
    inboxUrl: `http://127.0.0.1:${options.uiPort}/index.html`,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
