// The bench's own NATS connection: stream housekeeping between rounds and reading KV `total`.
import { BUCKETS, STREAMS } from '@tradeflow/topology';
import { countedInKv } from '@tradeflow/testing';
import { connect, type NatsConnection } from 'nats';

export class NatsAdmin {

  private constructor(readonly nc: NatsConnection) {}

  static async connect(url: string): Promise<NatsAdmin> {
    return new NatsAdmin(await connect({ servers: url, name: 'bench', maxReconnectAttempts: 3 }));
  }

  async transactionsCount(): Promise<number> {
    const jsm = await this.nc.jetstreamManager();
    return (await jsm.streams.info(STREAMS.transactions)).state.messages;
  }

  /** Writes to the KV bucket `stats` so far: the last sequence of its stream. */
  async statsWrites(): Promise<number> {
    const jsm = await this.nc.jetstreamManager();
    return (await jsm.streams.info(`KV_${BUCKETS.stats}`)).state.last_seq;
  }

  async purgeTransactions(): Promise<void> {
    const jsm = await this.nc.jetstreamManager();
    await jsm.streams.purge(STREAMS.transactions);
  }

  /** Deletes the buckets process owns, so the next process folds everything from the start. */
  async deleteProcessBuckets(): Promise<void> {
    const jsm = await this.nc.jetstreamManager();
    for (const bucket of [BUCKETS.stats, BUCKETS.leases]) {
      await jsm.streams.delete(`KV_${bucket}`).catch(() => false);
    }
  }

  /** The trades KV has counted, 0 while the bucket does not exist yet. */
  async foldedTotal(): Promise<number> {
    return countedInKv(this.nc.jetstream()).catch(() => 0);
  }

  async close(): Promise<void> {
    await this.nc.drain().catch(() => this.nc.close());
  }
}
