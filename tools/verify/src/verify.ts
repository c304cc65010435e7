import { DEFAULT_DETECTOR_SETTINGS, type DetectorSettings, partitionOfKey, recount } from '@tradeflow/fold';
import { BUCKETS, STREAMS } from '@tradeflow/topology';
import { connect, type ConnectionOptions } from 'nats';
import { compareStats } from './compare';
import { compareFlags } from './compare-flags';
import { failedReading } from './failed-reading';
import { readFlags } from './read-flags';
import { readStats } from './read-stats';
import { readTransactions } from './read-transactions';
import type { Report } from './report';

/**
 * Recounts every message of TRANSACTIONS from scratch, each decided as the fold decides it (a
 * trade, or a message set aside), and compares the result with every key of the KV bucket
 * `stats`, and the flags its trades raise (with the detectors' `settings`, which must be
 * process's) with those FLAGS holds. Meant for a quiet system: a trade stored but not folded yet
 * is a difference. Rejects when it cannot read (no connection, no stream, no bucket).
 * `connection`: where the servers are and how to authenticate (natsConnectionOptions).
 */
export async function verify(
  connection: ConnectionOptions,
  partitions: number,
  settings: DetectorSettings = DEFAULT_DETECTOR_SETTINGS,
): Promise<Report> {
  const nc = await connect({ ...connection, name: 'tradeflow-verify' });
  try {
    const jsm = await nc.jetstreamManager();
    const { messages, outside } = await readTransactions(jsm, nc.jetstream(), partitions).catch(
      failedReading(`stream ${STREAMS.transactions}`),
    );
    const expected = recount(messages, partitions, settings);
    const actual = await readStats(nc.jetstream()).catch(failedReading(`KV bucket ${BUCKETS.stats}`));
    const flags = await readFlags(jsm, nc.jetstream()).catch(failedReading(`stream ${STREAMS.flags}`));
    const keys = new Set([...expected.values.keys(), ...actual.keys()]).size;
    const quarantined: Record<number, number> = {};
    let trades = 0;
    for (const [key, stats] of expected.values) {
      trades += stats.total;
      if (stats.quarantined > 0) quarantined[partitionOfKey(key) as number] = stats.quarantined;
    }
    return {
      trades,
      quarantined,
      outside,
      keys,
      differences: compareStats(expected.values, actual),
      flags: compareFlags(expected.flags, flags),
    };
  } finally {
    await nc.close();
  }
}
