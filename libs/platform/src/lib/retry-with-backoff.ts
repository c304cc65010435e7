import { sleep } from './sleep';

export interface BackoffOptions {
  /** The wait after the first failure: short, so that a passing fault costs little. */
  firstDelayMs: number;
  /**
   * The longest wait: each failure doubles the wait up to this, so a long outage is not hammered
   * with attempts, yet its end is noticed within this time.
   */
  maxDelayMs: number;
  /** Ends the retries, at once even during a wait, so that a shutdown is not held up. */
  signal: AbortSignal;
  /** Told every failure and the wait before the next attempt: the caller logs it, records it for /health. */
  onFailure: (error: unknown, retryInMs: number) => void;
}

/**
 * Runs `attempt` until it succeeds, waiting after each failure twice as long as after the one
 * before, up to `maxDelayMs`. Resolves with the attempt's result, or with undefined once `signal`
 * has aborted (no attempt starts after that). Never rejects unless `onFailure` throws.
 */
export async function retryWithBackoff<T>(
  attempt: () => Promise<T>,
  { firstDelayMs, maxDelayMs, signal, onFailure }: BackoffOptions,
): Promise<T | undefined> {
  let delayMs = Math.min(firstDelayMs, maxDelayMs);
  while (!signal.aborted) {
    try {
      return await attempt();
    } catch (error) {
      onFailure(error, delayMs);
      await sleep(delayMs, signal);
      delayMs = Math.min(delayMs * 2, maxDelayMs);
    }
  }
  return undefined;
}
