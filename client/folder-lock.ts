// One owner per data folder. PGlite and the Temporal dev server's SQLite file are single-process
// stores: two processes writing one folder lose acknowledged records. The owner holds a lock file
// beside the folder (created exclusively, holding its pid); another process refuses, naming that
// pid. A lock left by a process that no longer runs (killed with SIGKILL, a crash) is taken over,
// under a short takeover guard, so two processes starting at once cannot both take it.
import { closeSync, openSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';
import os from 'node:os';

export class FolderLockedError extends Error {
  constructor(
    readonly what: string,
    readonly holderPid: number,
  ) {
    super(
      `${what} is in use by process ${holderPid}${holderPid === process.pid ? ' (this process)' : ''}: stop it (e.g. Ctrl-C in its terminal, or \`kill ${holderPid}\`) or use another folder`,
    );
    this.name = 'FolderLockedError';
  }
}

export interface FolderLock {
  readonly path: string;
  release(): void;
}

interface Holder {
  pid: number;
  host: string;
}

function readHolder(file: string): Holder | null {
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<Holder>;
    return typeof parsed.pid === 'number' ? { pid: parsed.pid, host: String(parsed.host ?? '') } : null;
  } catch {
    return null; // being written this instant, or not a lock of ours
  }
}

/** Whether the process that wrote the lock still runs (on another host we cannot tell: assume it does). */
function alive(holder: Holder): boolean {
  if (holder.host !== os.hostname()) return true;
  try {
    process.kill(holder.pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function createExclusive(file: string): boolean {
  try {
    const fd = openSync(file, 'wx', 0o600);
    writeSync(fd, JSON.stringify({ pid: process.pid, host: os.hostname(), since: new Date().toISOString() }));
    closeSync(fd);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

const held = new Set<string>();
let exitHookInstalled = false;

/** Takes `${target}.lock` for this process, or throws FolderLockedError naming the holder. */
export function lockFolder(target: string, what = target): FolderLock {
  const file = `${target}.lock`;
  for (let attempt = 0; attempt < 3; attempt++) {
    if (createExclusive(file)) return remember(file);
    const holder = readHolder(file);
    if (holder && alive(holder)) throw new FolderLockedError(what, holder.pid);
    if (!holder && Date.now() - mtimeMs(file) < 2_000) continue; // its owner is writing it now
    takeOverStale(file, holder);
  }
  const holder = readHolder(file);
  throw new FolderLockedError(what, holder?.pid ?? -1);
}

function mtimeMs(file: string): number {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return 0;
  }
}

/** Removes a dead owner's lock, once: only the process holding the takeover guard may. */
function takeOverStale(file: string, seen: Holder | null): void {
  const guard = `${file}.takeover`;
  // A guard older than 10 s belongs to a process that died mid-takeover.
  if (Date.now() - mtimeMs(guard) > 10_000) rmSync(guard, { force: true });
  if (!createExclusive(guard)) return; // another process is taking it over; the next attempt sees its result
  try {
    const now = readHolder(file);
    // Still the dead owner's lock (not one another process took meanwhile): remove it.
    if (now?.pid === seen?.pid && (!now || !alive(now))) rmSync(file, { force: true });
  } finally {
    rmSync(guard, { force: true });
  }
}

function remember(file: string): FolderLock {
  held.add(file);
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    // However the process ends normally, its locks go with it (a killed one leaves a stale lock).
    process.once('exit', () => {
      for (const f of held) releaseIfOurs(f);
    });
  }
  return {
    path: file,
    release: () => {
      held.delete(file);
      releaseIfOurs(file);
    },
  };
}

function releaseIfOurs(file: string): void {
  if (readHolder(file)?.pid === process.pid) rmSync(file, { force: true });
}
