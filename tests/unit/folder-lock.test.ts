// One owner per data folder (client/folder-lock.ts), with real processes: a live holder is named
// and refused, a killed holder's lock is taken over, and a released lock is free again.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FolderLockedError, lockFolder } from '../../client/folder-lock';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'tf-lock-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** A process that takes the lock and keeps it until killed. */
async function holder(target: string) {
  const script = `require(${JSON.stringify(path.join(__dirname, '../../scripts/register.js'))});
    require(${JSON.stringify(path.join(__dirname, '../../client/folder-lock.ts'))}).lockFolder(${JSON.stringify(target)});
    process.stdout.write('locked\\n'); setInterval(() => {}, 1000);`;
  const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve, reject) => {
    child.stdout.once('data', () => resolve());
    child.once('exit', (code) => reject(new Error(`holder exited ${code}`)));
  });
  return child;
}

test('a second owner is refused, naming the holder’s pid; a killed holder’s lock is taken over', async () => {
  const target = path.join(dir, 'pglite');
  const child = await holder(target);
  try {
    expect(() => lockFolder(target, 'the folder')).toThrow(FolderLockedError);
    expect(() => lockFolder(target, 'the folder')).toThrow(`the folder is in use by process ${child.pid}`);
  } finally {
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
  }
  // SIGKILL ran no handler: the lock file is still there, naming a process that is gone.
  expect(JSON.parse(readFileSync(`${target}.lock`, 'utf8')).pid).toBe(child.pid);
  const lock = lockFolder(target);
  expect(JSON.parse(readFileSync(`${target}.lock`, 'utf8')).pid).toBe(process.pid);
  // Within this process too, the folder has one owner.
  expect(() => lockFolder(target)).toThrow(`is in use by process ${process.pid} (this process)`);
  lock.release();
  expect(existsSync(`${target}.lock`)).toBe(false);
  lockFolder(target).release();
});

test('a takeover in progress by another process is not raced', () => {
  const target = path.join(dir, 'state');
  // A dead owner's lock, and a fresh takeover guard another starting process holds this instant.
  writeFileSync(`${target}.lock`, JSON.stringify({ pid: 2 ** 22 + 12345, host: os.hostname() }));
  writeFileSync(`${target}.lock.takeover`, JSON.stringify({ pid: process.pid, host: os.hostname() }));
  expect(() => lockFolder(target)).toThrow(FolderLockedError);
  expect(existsSync(`${target}.lock`)).toBe(true);
  rmSync(`${target}.lock.takeover`);
  lockFolder(target).release();
});
