// Readiness probes share one rule: a dependency that does not answer within PROBE_MS counts as
// down (a hung connection must not hang the probe). Used by the API's /readyz and the worker's.

/** How long one dependency may take to answer before it counts as down. */
export const PROBE_MS = 3000;

export function within<T>(ms: number, promise: Promise<T>): Promise<T> {
  return Promise.race([
    promise,
    new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms).unref()),
  ]);
}

export async function probe(check: () => Promise<unknown>): Promise<'ok' | 'unreachable'> {
  return within(PROBE_MS, check()).then(
    () => 'ok',
    () => 'unreachable',
  );
}
