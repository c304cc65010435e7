/**
 * How a background loop learns that the app is shutting down: a flag to test, a promise to race
 * against a wait (such as NATS becoming ready), and a sleep that ends early.
 */
export class StopSignal {
  private stopRequested = false;
  private resolveStopped!: () => void;
  readonly whenStopped = new Promise<void>((resolve) => (this.resolveStopped = resolve));

  get stopped(): boolean {
    return this.stopRequested;
  }

  stop(): void {
    this.stopRequested = true;
    this.resolveStopped();
  }

  /** Waits `ms`, or less if stopped meanwhile. */
  sleep(ms: number): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    return Promise.race([
      new Promise<void>((resolve) => (timer = setTimeout(resolve, ms))),
      this.whenStopped,
    ]).finally(() => clearTimeout(timer));
  }

  /** Runs `task` until stopped: again when it returns, and `retryDelayMs` after it fails. */
  async repeat(task: () => Promise<void>, onError: (error: unknown) => void, retryDelayMs: number): Promise<void> {
    while (!this.stopped) {
      try {
        await task();
      } catch (error) {
        onError(error);
        await this.sleep(retryDelayMs);
      }
    }
  }
}
