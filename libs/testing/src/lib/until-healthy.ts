export interface UntilHealthyOptions {
  timeoutMs: number;
  /** False once waiting is pointless: the process ended, or the caller is stopping. */
  alive?: () => boolean;
  /** What to add to the timeout's error, such as the end of the app's log. */
  context?: () => string;
  pollMs?: number;
}

/**
 * Polls GET `<url>/health` until it answers 200 (true), or `alive()` turns false (false). Throws
 * after `timeoutMs`, with the last answer, so a slow start says why.
 */
export async function untilHealthy(url: string, options: UntilHealthyOptions): Promise<boolean> {
  const { timeoutMs, alive = () => true, context = () => '', pollMs = 200 } = options;
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer';
  while (alive()) {
    const response = await fetch(`${url}/health`, { signal: AbortSignal.timeout(5000) }).catch(() => undefined);
    if (response?.status === 200) return true;
    if (response) last = `${response.status} ${await response.text().catch(() => '')}`;
    if (Date.now() > deadline) throw new Error(`not healthy within ${timeoutMs} ms (last: ${last})\n${context()}`);
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
  return false;
}
