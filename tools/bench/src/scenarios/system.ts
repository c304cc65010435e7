// The whole system for scenarios 4 and 5: a nats-server, then ingest, process and stats, each
// ingest healthy (it provisions the streams) before process and stats start.
import { type AppChild, launchApp, type NatsServer, startNats } from '../launcher';
import { sendBatches } from '../load/batch-sender';
import { NatsAdmin } from '../nats-admin';
import { progress } from '../progress';
import { TradeGenerator } from '../trades';

export interface System {
  nats: NatsServer;
  admin: NatsAdmin;
  ingest: AppChild;
  process: AppChild;
  stats: AppChild;
  wsUrl: string;
  /** The pids to meter, by name. */
  pids(): Record<string, number | undefined>;
  /** Waits (bounded) until process has folded every stored trade; returns the backlog left. */
  settle(timeoutMs?: number): Promise<number>;
  /**
   * Sends a scenario's load for a while, unmeasured, as scenarios 1 and 2 do: the apps start fresh,
   * and their first seconds (code not yet optimised, first KV keys) say nothing of their speed.
   */
  warmUp(tradesPerSecond: number, seconds: number): Promise<void>;
}

export async function startSystem(): Promise<System> {
  progress('starting nats-server, ingest, process, stats');
  const nats = await startNats();
  const admin = await NatsAdmin.connect(nats.url);
  const ingest = await (await launchApp('ingest', nats.url)).healthy();
  // process creates the bucket stats reads; stats waits for it, so both can start at once.
  const [processApp, stats] = await Promise.all([
    launchApp('process', nats.url).then((app) => app.healthy()),
    launchApp('stats', nats.url).then((app) => app.healthy()),
  ]);
  return {
    nats,
    admin,
    ingest,
    process: processApp,
    stats,
    wsUrl: `${stats.url.replace(/^http/, 'ws')}/ws`,
    pids: () => ({ ingest: ingest.pid, process: processApp.pid, stats: stats.pid, nats: nats.pid, bench: process.pid }),
    settle: async (timeoutMs = 60_000) => {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const backlog = (await admin.transactionsCount()) - (await admin.foldedTotal());
        if (backlog <= 0 || Date.now() > deadline) return Math.max(0, backlog);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    },
    warmUp: async (tradesPerSecond, seconds) => {
      progress(`warming up: ${tradesPerSecond} trades/s for ${seconds} s`);
      const batchSize = tradesPerSecond / 100;
      await sendBatches(new TradeGenerator(43), {
        url: ingest.url,
        tradesPerSecond,
        batchSize,
        durationMs: seconds * 1000,
        maxInFlight: 64,
      });
    },
  };
}

export const SYSTEM_CPU_NAMES = ['ingest', 'process', 'stats', 'nats', 'bench'];
