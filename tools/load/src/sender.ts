import type { Submission } from './invalid-trades';

/** One way of sending trades to ingest; it counts their answers in the run's Tally. */
export interface Sender {
  /** Trades per request. */
  readonly perRequest: number;
  /** Where the trades go, as the summary shows it (no password). */
  readonly target: string;
  /** Sends one request; settles once it is answered or has failed, never rejects. */
  send(submissions: Submission[]): Promise<void>;
  /** Waits, within `signal`, for what answers after the requests' (NATS: the outcomes). */
  settle(signal: AbortSignal): Promise<void>;
  close(): Promise<void>;
}
