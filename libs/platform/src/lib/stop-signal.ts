import { retryWithBackoff } from './retry-with-backoff';
import { sleep } from './sleep';

/**
 * How a background loop learns that the app is shutting down: a flag to test, a promise to race
 * against a wait (such as NATS becoming ready), a sleep that ends early, and an AbortSignal for
 * retryWithBackoff and whatever else takes one.
 */
export class StopSignal {
  private readonly controller = new AbortController();
  readonly whenStopped = new Promise<void>((resolve) =>
    this.controller.signal.addEventListener('abort', () => resolve(), { once: true }),
  );

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  get stopped(): boolean {
    return this.signal.aborted;
  }

  stop(): void {
    this.controller.abort();
  }

  /** Waits `ms`, or less if stopped meanwhile. */
  sleep(ms: number): Promise<void> {
    return sleep(ms, this.signal);
  }

  /** Runs `task` until stopped: again when it returns, and `retryDelayMs` after it fails. */
  async repeat(task: () => Promise<void>, onError: (error: unknown) => void, retryDelayMs: number): Promise<void> {
    const backoff = { firstDelayMs: retryDelayMs, maxDelayMs: retryDelayMs, signal: this.signal, onFailure: onError };
    while (!this.stopped) await retryWithBackoff(task, backoff);
  }
}
