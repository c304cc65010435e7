import { NatsEnvironment } from '@tradeflow/nats';

export class StatsEnvironment extends NatsEnvironment {
  override PORT: number = 3002;
}
