// CPU seconds spent by this process and by the processes it started (the Temporal dev server the
// test environment spawns), read from /proc: on a 2-core machine a rate is bounded by whichever
// of them fills the cores, and the bench says which. Linux only; elsewhere the figures are NaN.
import { readdirSync, readFileSync } from 'node:fs';

const TICKS = 100; // USER_HZ on Linux

function stat(pid: string): { ppid: number; cpu: number } | undefined {
  try {
    const s = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (in parentheses, which may hold spaces): state is field 3.
    const f = s.slice(s.lastIndexOf(')') + 2).split(' ');
    return { ppid: Number(f[1]), cpu: (Number(f[11]) + Number(f[12])) / TICKS };
  } catch {
    return undefined;
  }
}

/** CPU seconds of every living descendant of this process (not this process itself). */
export function childrenCpuSeconds(): number {
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((p) => /^\d+$/.test(p));
  } catch {
    return NaN;
  }
  const all = new Map(pids.map((p) => [Number(p), stat(p)]));
  const mine = new Set([process.pid]);
  let total = 0;
  // Parents before children is not guaranteed: repeat until no new descendant is found.
  for (let grew = true; grew;) {
    grew = false;
    for (const [pid, s] of all) {
      if (!s || mine.has(pid) || !mine.has(s.ppid)) continue;
      mine.add(pid);
      total += s.cpu;
      grew = true;
    }
  }
  return total;
}

/** CPU seconds of this process, every thread. */
export const ownCpuSeconds = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};
