// Progress on stderr, so stdout holds only the summary: on a terminal one line redrawn every
// second, otherwise (a log, a pipe) a plain line every five seconds.
import { formatProgress, type Via } from './report';
import type { Tally } from './tally';

const TTY_EVERY_MS = 1_000;
const PLAIN_EVERY_MS = 5_000;
const CLEAR_LINE = '\r\x1b[2K';

export class Progress {
  private readonly tty: boolean;
  private timer?: NodeJS.Timeout;
  private startedAt = 0;
  private last = { at: 0, sent: 0, skipped: 0, errors: 0 };
  private drawn = false;

  constructor(
    private readonly tally: Tally,
    private readonly via: Via,
    private readonly maxInFlight: number,
    private readonly out: NodeJS.WriteStream = process.stderr,
  ) {
    this.tty = out.isTTY === true;
  }

  start(): void {
    this.startedAt = performance.now();
    this.last = { at: this.startedAt, sent: 0, skipped: 0, errors: 0 };
    this.timer = setInterval(() => this.show(), this.tty ? TTY_EVERY_MS : PLAIN_EVERY_MS);
  }

  /** A line of its own, above the live one. */
  note(message: string): void {
    this.out.write(`${this.drawn ? CLEAR_LINE : ''}${message}\n`);
    this.drawn = false;
  }

  /** Stops, leaving the last line on screen. */
  stop(): void {
    clearInterval(this.timer);
    if (this.drawn) this.out.write('\n');
    this.drawn = false;
  }

  private show(): void {
    const now = performance.now();
    const { tally } = this;
    const line = formatProgress(tally, {
      via: this.via,
      elapsedMs: now - this.startedAt,
      sentPerSecond: ((tally.sent - this.last.sent) * 1000) / (now - this.last.at),
      recent: tally.takeRecentLatency().quantiles(),
      recentlySkipped: tally.skipped - this.last.skipped,
      maxInFlight: this.maxInFlight,
      newErrors: tally.errors > this.last.errors,
    });
    this.last = { at: now, sent: tally.sent, skipped: tally.skipped, errors: tally.errors };
    if (this.tty) {
      // Kept to one row: a wrapped line could not be redrawn in place.
      this.out.write(`${CLEAR_LINE}${line.slice(0, (this.out.columns || 200) - 1)}`);
      this.drawn = true;
    } else this.out.write(`${line}\n`);
  }
}
