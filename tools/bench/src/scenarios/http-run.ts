// One measured round of closed-loop HTTP load (scenarios 1, 2 and 6): autocannon from the bench
// process, the servers' CPU metered over it, then TRANSACTIONS purged so that every round starts
// on an empty stream.
import { type HttpLoad, runHttpLoad, type HttpLoadResult } from '../load/http-load';
import type { NatsAdmin } from '../nats-admin';
import { metered } from '../proc-usage';
import type { UsageByProcess } from './usage';

export interface HttpRun extends HttpLoadResult {
  /** CPU and memory of `pids` and of the bench (the load generator) over the load. */
  usage: UsageByProcess;
}

export async function meteredHttpLoad(
  load: HttpLoad,
  pids: Record<string, number | undefined>,
  admin: NatsAdmin,
): Promise<HttpRun> {
  const [result, usage] = await metered({ ...pids, bench: process.pid }, () => runHttpLoad(load));
  await admin.purgeTransactions();
  return { ...result, usage };
}
