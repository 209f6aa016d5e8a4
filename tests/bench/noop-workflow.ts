// The engine's ceiling for the benchmark: a workflow that does nothing.
export async function benchNoop(): Promise<string> {
  return 'ok';
}
