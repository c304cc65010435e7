import { scrapeReading } from '@tradeflow/metrics';
import type { NatsClient } from '@tradeflow/nats';
import { CONSUMERS, STREAMS } from '@tradeflow/topology';
import { Gauge, type Registry } from 'prom-client';

/** The backlog is asked of NATS at most this often, however often it is scraped. */
const MAX_AGE_MS = 1000;

/**
 * tradeflow_submissions_pending: the tx.submit messages in SUBMISSIONS that ingest's consumer has
 * not yet taken, read from NATS when scraped. While NATS cannot say, the series is left out rather
 * than shown stale.
 */
export function registerSubmissionsPending(registry: Registry, nats: NatsClient): void {
  const readPendingWhenScraped = scrapeReading(MAX_AGE_MS, () => readPending(nats));
  new Gauge({
    name: 'tradeflow_submissions_pending',
    help: "tx.submit messages waiting in SUBMISSIONS for ingest's consumer",
    registers: [registry],
    async collect() {
      const count = await readPendingWhenScraped();
      if (count === undefined) this.remove();
      else this.set(count);
    },
  });
}

async function readPending(nats: NatsClient): Promise<number | undefined> {
  if (!nats.isConnected()) return undefined;
  try {
    const info = await nats.jsm.consumers.info(STREAMS.submissions, CONSUMERS.ingestSubmissions);
    return info.num_pending;
  } catch {
    return undefined;
  }
}
