import { Injectable, Logger } from '@nestjs/common';
import { scrapeReading } from '@tradeflow/metrics';
import { bucketStream, describeNatsError, NatsClient } from '@tradeflow/nats';
import { BUCKETS, STREAMS } from '@tradeflow/topology';
import { Gauge, Registry } from 'prom-client';

/** The streams process's NATS user may read the size of (docker/nats/authorization.conf). */
const READ_STREAMS = [
  STREAMS.transactions,
  STREAMS.quarantine,
  bucketStream(BUCKETS.stats),
  bucketStream(BUCKETS.leases),
];
/** NATS is asked at most this often, however often /metrics is scraped. */
const READ_EVERY_MS = 1000;

interface StreamSize {
  stream: string;
  messages: number;
  bytes: number;
}

/**
 * The sizes of the streams, as JetStream's stream info gives them when /metrics is scraped; a
 * stream that does not exist yet, or cannot be read, has no series until it can.
 */
@Injectable()
export class StreamSizes {
  private readonly logger = new Logger(StreamSizes.name);

  constructor(registry: Registry, nats: NatsClient) {
    const read = scrapeReading(READ_EVERY_MS, () => this.read(nats));
    const gauge = (name: string, help: string, value: (size: StreamSize) => number) =>
      new Gauge({
        name,
        help,
        labelNames: ['stream'],
        registers: [registry],
        async collect() {
          const sizes = await read();
          this.reset();
          for (const size of sizes) this.set({ stream: size.stream }, value(size));
        },
      });
    gauge('tradeflow_stream_messages', 'Messages stored in the stream', (size) => size.messages);
    gauge('tradeflow_stream_bytes', 'Bytes stored in the stream', (size) => size.bytes);
  }

  private async read(nats: NatsClient): Promise<StreamSize[]> {
    // Disconnected, a request would only wait for its timeout, and the scrape with it.
    if (!nats.isConnected()) return [];
    const infos = await Promise.allSettled(
      READ_STREAMS.map(async (stream) => (await nats.jsm.streams.info(stream)).state),
    );
    return infos.flatMap((info, index) => {
      if (info.status === 'fulfilled')
        return [{ stream: READ_STREAMS[index], messages: info.value.messages, bytes: info.value.bytes }];
      this.logger.debug(`reading ${READ_STREAMS[index]}'s size: ${describeNatsError(info.reason)}`);
      return [];
    });
  }
}
