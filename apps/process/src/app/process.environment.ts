import { NatsEnvironment } from '@tradeflow/nats';

export class ProcessEnvironment extends NatsEnvironment {
  override PORT: number = 3003;
}
