// Background rounds in the API process (the notice sender, the webhook dispatcher): one round at a
// time, the next one `intervalMs` after the previous ended, so a slow round (a mail server taking
// its time) never overlaps the next. Stopping waits for the round in progress.

/** Runs `round` now and then every `intervalMs` after each ends; the returned stop waits for the current round. */
export function repeatRounds(
  round: () => Promise<unknown>,
  intervalMs: number,
  onError: (e: unknown) => void,
): () => Promise<void> {
  let stopped = false;
  let current: Promise<unknown> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;
  const tick = () => {
    current = round()
      .catch(onError)
      .finally(() => {
        if (!stopped) timer = setTimeout(tick, intervalMs);
      });
  };
  timer = setTimeout(tick, 0);
  return async () => {
    stopped = true;
    clearTimeout(timer);
    await current;
  };
}
