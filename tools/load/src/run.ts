import { inFlightSettled, runOpenLoop } from './open-loop';
import type { LoadOptions } from './options';
import type { Progress } from './progress';
import { summarise, type Summary } from './report';
import type { Sender } from './sender';
import type { Tally } from './tally';
import { FastUserBursts } from './fast-user';
import { type Anomaly, TradeSource } from './trade-source';

export interface Interrupts {
  /** Stop sending (a first Ctrl-C). */
  stop: AbortSignal;
  /** Stop waiting for answers too (a second one). */
  hurry: AbortSignal;
}

/** Sends the run's trades through `sender`, waits for what they are owed, and sums it all up. */
export async function runLoad(
  options: LoadOptions,
  sender: Sender,
  tally: Tally,
  interrupts: Interrupts,
  progress: Progress,
): Promise<Summary> {
  const source = new TradeSource({
    invalid: options.invalid,
    offMarket: options.offMarket,
    fastUser: options.fastUser ? new FastUserBursts() : undefined,
  });
  const send = (trades: number) => {
    const submissions = [];
    for (let i = 0; i < trades; i++) {
      const { submission, invalid, anomaly } = source.next();
      submissions.push(submission);
      if (invalid) tally.invalid++;
      if (anomaly) countAnomaly(tally, anomaly);
    }
    tally.sent += trades;
    return sender.send(submissions);
  };
  const started = performance.now();
  progress.start();
  const stoppedBy = await runOpenLoop(
    {
      rate: options.rate,
      perRequest: sender.perRequest,
      count: options.count,
      durationMs: options.durationSeconds === undefined ? undefined : options.durationSeconds * 1000,
      maxInFlight: options.maxInFlight,
    },
    send,
    tally,
    interrupts.stop,
  );
  const elapsedMs = performance.now() - started;
  if (tally.inFlight > 0) progress.note(`waiting for the answers of ${tally.inFlight} requests in flight`);
  await inFlightSettled(tally, interrupts.hurry);
  if (tally.pending > 0) progress.note(`waiting for ingest's outcome of ${tally.pending} submissions`);
  await sender.settle(interrupts.hurry);
  progress.stop();
  return summarise(tally, {
    via: options.via,
    target: sender.target,
    batch: options.batch ?? null,
    targetRate: options.rate,
    elapsedMs,
    stoppedBy,
  });
}

function countAnomaly(tally: Tally, anomaly: Anomaly): void {
  if (anomaly === 'off-market') tally.offMarket++;
  else tally.fastUser++;
}
