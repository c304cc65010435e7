// The bench's own NATS connection: stream housekeeping between rounds and reading KV `total`.
import { natsServers } from '@tradeflow/nats';
import { BUCKETS, STREAMS } from '@tradeflow/topology';
import { countedInKv } from '@tradeflow/testing';
import { connect, type NatsConnection } from 'nats';

export class NatsAdmin {
  private constructor(readonly nc: NatsConnection) {}

  /** `url` is a NATS_URL: one server, or a cluster's nodes comma-separated (nats.js takes them as a list). */
  static async connect(url: string, name = 'bench'): Promise<NatsAdmin> {
    return new NatsAdmin(await connect({ servers: natsServers(url), name, maxReconnectAttempts: 3 }));
  }

  async transactionsCount(): Promise<number> {
    const jsm = await this.nc.jetstreamManager();
    return (await jsm.streams.info(STREAMS.transactions)).state.messages;
  }

  /** The server that leads TRANSACTIONS (on a cluster; one server's name otherwise). */
  async transactionsLeader(): Promise<string | undefined> {
    const jsm = await this.nc.jetstreamManager();
    return (await jsm.streams.info(STREAMS.transactions)).cluster?.leader;
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
