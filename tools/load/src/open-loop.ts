// Open-loop load: requests go out on a fixed schedule, whatever the answers do, as independent
// clients would send them; a slow server does not slow the load down (which would hide its
// latency). What is in flight is bounded: a request due while the bound is reached is skipped,
// and counted, so a run that cannot keep up says so instead of quietly sending less.
import type { Tally } from './tally';

export interface Schedule {
  /** Trades a second. */
  rate: number;
  perRequest: number;
  /** Trades in all, when the run is bounded by a count. */
  count?: number;
  /** How long the run lasts, when bounded by time. */
  durationMs?: number;
  maxInFlight: number;
}

export type StoppedBy = 'duration' | 'count' | 'interrupt';

/** The longest the loop sleeps, so it notices an interruption soon. */
const MAX_SLEEP_MS = 100;

/** Requests due `elapsedMs` after the start: the first at once, then one every perRequest / rate seconds. */
export function requestsDue({ rate, perRequest, count }: Schedule, elapsedMs: number): number {
  const due = Math.floor((elapsedMs * rate) / 1000 / perRequest) + 1;
  return count === undefined ? due : Math.min(due, Math.ceil(count / perRequest));
}

/** The trades of request `index`: a whole request, but the last of a count may be short. */
export const tradesOfRequest = ({ perRequest, count }: Schedule, index: number): number =>
  count === undefined ? perRequest : Math.min(perRequest, count - index * perRequest);

/** When request `index` is due, in ms after the start. */
const dueAt = ({ rate, perRequest }: Schedule, index: number) => (index * perRequest * 1000) / rate;

/**
 * Sends `send(trades)` on the schedule until its duration or count is reached or `stop` aborts.
 * Returns once the last request is sent, without waiting for the answers of those in flight: see
 * `inFlightSettled`.
 */
export async function runOpenLoop(
  schedule: Schedule,
  send: (trades: number) => Promise<void>,
  tally: Tally,
  stop: AbortSignal,
): Promise<StoppedBy> {
  const started = performance.now();
  const requestLimit = schedule.count === undefined ? Infinity : Math.ceil(schedule.count / schedule.perRequest);
  let sent = 0;
  for (;;) {
    if (stop.aborted) return 'interrupt';
    const elapsed = performance.now() - started;
    if (schedule.durationMs !== undefined && elapsed >= schedule.durationMs) return 'duration';
    for (const due = requestsDue(schedule, elapsed); sent < due; sent++) {
      const trades = tradesOfRequest(schedule, sent);
      tally.offered += trades;
      if (tally.inFlight >= schedule.maxInFlight) {
        tally.skipped += trades;
        continue;
      }
      tally.inFlight++;
      void send(trades).finally(() => tally.inFlight--);
    }
    if (sent >= requestLimit) return 'count';
    const untilNext = dueAt(schedule, sent) - (performance.now() - started);
    const untilEnd = (schedule.durationMs ?? Infinity) - (performance.now() - started);
    await sleep(Math.max(0, Math.min(untilNext, untilEnd, MAX_SLEEP_MS)), stop);
  }
}

/** Resolves once nothing is in flight, or `signal` aborts. */
export async function inFlightSettled(tally: Tally, signal: AbortSignal): Promise<void> {
  while (tally.inFlight > 0 && !signal.aborted) await sleep(20, signal);
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
  });
}
