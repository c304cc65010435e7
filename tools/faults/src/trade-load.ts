import { EXAMPLE_TRADE } from '@tradeflow/contract';
import type { AppInstance } from './cluster-system';

export interface LoadOptions {
  /** Trades to send, each with an Idempotency-Key of its own. */
  trades: number;
  /** Clients sending at once. */
  clients: number;
  /** Trades a second over all clients. */
  rate: number;
  /** Keys start with this, so rounds on one cluster never share one. */
  tag: string;
  /** How long a trade is retried before it counts as not accepted. */
  giveUpAfterMs?: number;
}

/** One HTTP attempt at a trade: when it ended, and with what. */
export interface Attempt {
  at: number;
  status: number;
}

export interface LoadResult {
  sent: number;
  /** Trade id by key, for the trades that got a 202. */
  accepted: Map<string, string>;
  /** Keys that never got a 202 within the time allowed. */
  unaccepted: string[];
  attempts: Attempt[];
}

const RETRY_DELAY_MS = 100;

/** A trade of its own for index `i`, spread over many users (and so over the partitions). */
export function tradeFor(i: number): Record<string, string | number> {
  const amountSell = 100 + (i % 900);
  return {
    ...EXAMPLE_TRADE,
    userId: `user-${i % 251}`,
    amountSell,
    amountBuy: Number((amountSell * EXAMPLE_TRADE.rate).toFixed(4)),
    originatingCountry: ['FR', 'DE', 'GB', 'US', 'JP'][i % 5],
  };
}

/**
 * Concurrent clients posting trades to the running ingest instances, as a careful client would:
 * each trade with its own Idempotency-Key, and a trade that was refused (503) or whose connection
 * broke sent again with the same key to the next instance, until it gets a 202.
 */
export async function sendTrades(ingests: AppInstance[], options: LoadOptions): Promise<LoadResult> {
  const result: LoadResult = { sent: 0, accepted: new Map(), unaccepted: [], attempts: [] };
  const started = Date.now();
  let next = 0;
  const client = async (clientIndex: number) => {
    for (let i = next++; i < options.trades; i = next++) {
      // Paced over all clients: trade i is due at i / rate seconds.
      const due = started + (i * 1000) / options.rate - Date.now();
      if (due > 0) await new Promise((resolve) => setTimeout(resolve, due));
      result.sent++;
      const key = `${options.tag}-${i}`;
      const id = await sendUntilAccepted(
        ingests,
        clientIndex + i,
        key,
        tradeFor(i),
        result.attempts,
        options.giveUpAfterMs ?? 60_000,
      );
      if (id) result.accepted.set(key, id);
      else result.unaccepted.push(key);
    }
  };
  await Promise.all(Array.from({ length: options.clients }, (_, index) => client(index)));
  return result;
}

async function sendUntilAccepted(
  ingests: AppInstance[],
  first: number,
  key: string,
  trade: unknown,
  attempts: Attempt[],
  giveUpAfterMs: number,
): Promise<string | undefined> {
  const deadline = Date.now() + giveUpAfterMs;
  for (let attempt = 0; Date.now() < deadline; attempt++) {
    const running = ingests.filter((instance) => instance.running);
    const ingest = running[(first + attempt) % Math.max(running.length, 1)];
    if (ingest) {
      const { status, id } = await post(ingest.url, key, trade);
      attempts.push({ at: Date.now(), status });
      if (status === 202) return id;
      if (status >= 400 && status < 500) throw new Error(`trade ${key} refused with ${status}`);
    }
    await new Promise((resolve) => setTimeout(resolve, RETRY_DELAY_MS));
  }
  return undefined;
}

async function post(url: string, key: string, trade: unknown): Promise<{ status: number; id?: string }> {
  try {
    const response = await fetch(`${url}/transactions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': key },
      body: JSON.stringify(trade),
      signal: AbortSignal.timeout(10_000),
    });
    const body = (await response.json().catch(() => ({}))) as { id?: string };
    return { status: response.status, id: body.id };
  } catch {
    return { status: 0 }; // the connection broke: the instance died, or timed out
  }
}
