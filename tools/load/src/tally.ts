import { LatencyHistogram } from './latency-histogram';

/** What became of the trades, counted as answers come. */
export class Tally {
  /** Trades due by the schedule. */
  offered = 0;
  sent = 0;
  /** Of those sent, the ones spoilt on purpose. */
  invalid = 0;
  /** Of those sent, the ones with a rate off the market's on purpose. */
  offMarket = 0;
  /** Of those sent, the fast user's. */
  fastUser = 0;
  /** Due but not sent: too many requests were in flight. */
  skipped = 0;
  accepted = 0;
  /** Refused as invalid (over NATS, any refusal recorded in REJECTED). */
  refused = 0;
  /** 429: over a rate limit. */
  limited = 0;
  /** 503, or no NATS responder: not stored, to be sent again. */
  unavailable = 0;
  /** No answer, or one that says nothing of the trades (a timeout, a lost connection, a 404). */
  errors = 0;
  /** NATS: submissions SUBMISSIONS holds for ingest (JetStream's reply). */
  queued = 0;
  /** NATS: submissions sent whose outcome has not been seen yet. */
  pending = 0;
  lastError?: string;
  inFlight = 0;
  readonly latency = new LatencyHistogram();
  /** Since the last progress line. */
  recentLatency = new LatencyHistogram();

  answeredIn(ms: number): void {
    this.latency.add(ms);
    this.recentLatency.add(ms);
  }

  failed(trades: number, why: string): void {
    this.errors += trades;
    this.lastError = why;
  }

  /** Starts a new progress interval, returning the latencies of the one that ends. */
  takeRecentLatency(): LatencyHistogram {
    const recent = this.recentLatency;
    this.recentLatency = new LatencyHistogram();
    return recent;
  }
}
