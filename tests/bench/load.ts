// Open-loop load: requests start on a fixed schedule whatever the latency, so a slow system
// shows up as latency rather than as a politely reduced load.

export interface LoadResult {
  offeredPerSecond: number;
  completed: number;
  failed: number;
  seconds: number;
  achievedPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

export async function offeredLoad(
  ratePerSecond: number,
  seconds: number,
  send: (i: number) => Promise<void>,
): Promise<LoadResult> {
  const total = Math.round(ratePerSecond * seconds);
  const latencies: number[] = [];
  let failed = 0;
  const start = performance.now();
  const inflight: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const due = start + (i * 1000) / ratePerSecond;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const t0 = performance.now();
    inflight.push(
      send(i).then(
        () => void latencies.push(performance.now() - t0),
        () => void failed++,
      ),
    );
  }
  await Promise.all(inflight);
  const elapsed = (performance.now() - start) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    offeredPerSecond: ratePerSecond,
    completed: latencies.length,
    failed,
    seconds: elapsed,
    achievedPerSecond: latencies.length / elapsed,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    maxMs: latencies[latencies.length - 1] ?? NaN,
  };
}

/** Closed loop: `concurrency` clients send back to back for `seconds`; the system's ceiling. */
export async function closedLoop(
  concurrency: number,
  seconds: number,
  send: (i: number) => Promise<void>,
): Promise<number> {
  const until = performance.now() + seconds * 1000;
  let done = 0;
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < until) {
        await send(next++);
        done++;
      }
    }),
  );
  return done / seconds;
}
