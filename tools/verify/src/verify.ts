import { recount } from '@tradeflow/stats';
import { BUCKETS, STREAMS } from '@tradeflow/topology';
import { connect } from 'nats';
import { compareStats } from './compare';
import { failedReading } from './failed-reading';
import { readStats } from './read-stats';
import { readTransactions } from './read-transactions';
import type { Report } from './report';

/**
 * Recounts every trade of TRANSACTIONS from scratch and compares the result with every key of the
 * KV bucket `stats`. Meant for a quiet system: a trade stored but not folded yet is a difference.
 * Rejects when it cannot read (no connection, no stream, no bucket).
 */
export async function verify(servers: string[]): Promise<Report> {
  const nc = await connect({ servers, name: 'tradeflow-verify' });
  try {
    const { trades, partitionOf } = await readTransactions(await nc.jetstreamManager(), nc.jetstream()).catch(
      failedReading(`stream ${STREAMS.transactions}`),
    );
    const expected = recount(trades, partitionOf);
    const actual = await readStats(nc.jetstream()).catch(failedReading(`KV bucket ${BUCKETS.stats}`));
    const keys = new Set([...expected.keys(), ...actual.keys()]).size;
    return { trades: trades.length, keys, differences: compareStats(expected, actual) };
  } finally {
    await nc.close();
  }
}
