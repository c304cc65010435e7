import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { Trade, TradeFields } from '@tradeflow/contract';
import { describeNatsError, encodeJson, NatsClient } from '@tradeflow/nats';
import { acceptedSubject, partitionOf, STREAMS } from '@tradeflow/topology';
import { toTrade } from '@tradeflow/trade';
import type { IngestEnvironment } from '../app/ingest.environment';
import { BrokerUnavailableError } from './broker-unavailable.error';

/** Stores validated trades in TRANSACTIONS, for HTTP and tx.submit alike. */
@Injectable()
export class TransactionsPublisher {
  private readonly partitions: number;
  private readonly timeout: number;

  constructor(
    private readonly nats: NatsClient,
    config: ConfigService<IngestEnvironment, true>,
  ) {
    this.partitions = config.get('TX_PARTITIONS', { infer: true });
    this.timeout = config.get('PUBLISH_TIMEOUT_MS', { infer: true });
  }

  /**
   * Resolves once JetStream has acknowledged the trade, and only then. The id doubles as the
   * message id, so publishing the same id again within the duplicate window stores nothing new.
   */
  async publish(fields: TradeFields, id: string, receivedAt: Date): Promise<Trade> {
    // While disconnected a publish would only queue in the client: refuse at once instead.
    if (!this.nats.isConnected()) throw new BrokerUnavailableError('not connected to NATS');
    const trade = toTrade(fields, id, receivedAt);
    try {
      await this.nats.publisher.publish(
        acceptedSubject(partitionOf(trade.userId, this.partitions)),
        encodeJson(trade),
        {
          msgID: id,
          expectStream: STREAMS.transactions,
          timeoutMs: this.timeout,
        },
      );
    } catch (error) {
      throw new BrokerUnavailableError(describeNatsError(error));
    }
    return trade;
  }
}
