// Trades by NATS: a request on tx.submit each, which JetStream answers once SUBMISSIONS holds it
// ({"stream":"SUBMISSIONS","seq":N}). ingest decides later, so the outcomes are watched where
// ingest records them: an accepted trade on tx.accepted.<n> (its eight fields), a refused one on
// tx.rejected (its payload as sent). A submission is known by its JSON text, which both give back.
import { TRADE_FIELDS } from '@tradeflow/contract';
import { describeNatsError } from '@tradeflow/nats';
import { SUBJECTS } from '@tradeflow/topology';
import { connect, type ConnectionOptions, type Msg, type NatsConnection, type NatsError } from 'nats';
import type { Submission } from './invalid-trades';
import type { Sender } from './sender';
import type { Tally } from './tally';

const REQUEST_TIMEOUT_MS = 10_000;
/** Outcomes stop being awaited once none has come for this long. */
const QUIET_MS = 5_000;

const encoder = new TextEncoder();
const decoder = new TextDecoder();

interface JetStreamReply {
  seq?: number;
  error?: { code?: number; description?: string };
}

/** An accepted trade's eight fields as the JSON text it was submitted as (fields in trade order). */
const submittedText = (stored: Record<string, unknown>): string =>
  JSON.stringify(Object.fromEntries(TRADE_FIELDS.map((field) => [field, stored[field]])));

export class NatsSender implements Sender {
  readonly perRequest = 1;
  /** How many of each submitted text await their outcome. */
  private readonly awaiting = new Map<string, number>();
  private lastOutcomeAt = performance.now();

  private constructor(
    private readonly nc: NatsConnection,
    readonly target: string,
    private readonly tally: Tally,
  ) {}

  /** Connects and starts watching the outcomes before any trade is sent. */
  static async open(options: ConnectionOptions, shownTarget: string, tally: Tally): Promise<NatsSender> {
    const nc = await connect({ ...options, name: 'tradeflow-load' });
    const sender = new NatsSender(nc, shownTarget, tally);
    nc.subscribe(SUBJECTS.accepted, { callback: (error, message) => sender.onOutcome(error, message, 'accepted') });
    nc.subscribe(SUBJECTS.rejected, { callback: (error, message) => sender.onOutcome(error, message, 'refused') });
    await nc.flush();
    return sender;
  }

  async send([submission]: Submission[]): Promise<void> {
    const text = JSON.stringify(submission);
    this.await(text, 1);
    const started = performance.now();
    try {
      const reply = (
        await this.nc.request(SUBJECTS.submit, encoder.encode(text), { timeout: REQUEST_TIMEOUT_MS })
      ).json<JetStreamReply>();
      this.tally.answeredIn(performance.now() - started);
      if (reply.error === undefined) this.tally.queued++;
      else this.notQueued(text, reply.error.code, `JetStream refused it: ${reply.error.description}`);
    } catch (error) {
      const code = (error as NatsError).code;
      // A timeout may still have been queued: its outcome stays awaited.
      if (code === 'TIMEOUT') this.tally.failed(1, `tx.submit: no reply within ${REQUEST_TIMEOUT_MS} ms`);
      else this.notQueued(text, Number(code), `tx.submit: ${describeNatsError(error)}`);
    }
  }

  /** 503: no stream captures tx.submit (ingest has not created SUBMISSIONS) or it cannot store now. */
  private notQueued(text: string, code: number | undefined, why: string): void {
    this.await(text, -1);
    if (code === 503) this.tally.unavailable++;
    else this.tally.failed(1, why);
  }

  private await(text: string, change: 1 | -1): void {
    const count = (this.awaiting.get(text) ?? 0) + change;
    if (count > 0) this.awaiting.set(text, count);
    else this.awaiting.delete(text);
    this.tally.pending += change;
  }

  private onOutcome(error: NatsError | null, message: Msg, outcome: 'accepted' | 'refused'): void {
    if (error) {
      this.tally.lastError = `cannot watch ${outcome} trades: ${describeNatsError(error)}`;
      return;
    }
    const text = this.submittedTextOf(message, outcome);
    if (text === undefined || !this.awaiting.has(text)) return; // another client's
    this.await(text, -1);
    this.tally[outcome]++;
    this.lastOutcomeAt = performance.now();
  }

  private submittedTextOf(message: Msg, outcome: 'accepted' | 'refused'): string | undefined {
    try {
      const record = JSON.parse(decoder.decode(message.data)) as Record<string, unknown>;
      if (outcome === 'accepted') return submittedText(record);
      return record['source'] === SUBJECTS.submit ? (record['payload'] as string) : undefined;
    } catch {
      return undefined;
    }
  }

  /** Until every queued submission's outcome is seen, none has come for QUIET_MS, or `signal` aborts. */
  async settle(signal: AbortSignal): Promise<void> {
    this.lastOutcomeAt = performance.now();
    while (this.tally.pending > 0 && !signal.aborted && performance.now() - this.lastOutcomeAt < QUIET_MS) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  async close(): Promise<void> {
    await this.nc.drain().catch(() => this.nc.close());
  }
}
