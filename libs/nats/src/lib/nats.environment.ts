import { PositiveCount, RuntimeEnvironment } from '@tradeflow/platform';
import { IsNotEmpty, IsString, Max } from 'class-validator';

/** The environment of every app that talks to NATS. */
export class NatsEnvironment extends RuntimeEnvironment {
  /** One URL, or a comma-separated list of a cluster's servers. */
  @IsString()
  @IsNotEmpty()
  NATS_URL: string = 'nats://127.0.0.1:4222';

  /** How many `tx.accepted.<n>` partitions the accepted trades are spread over. */
  @PositiveCount()
  @Max(1024)
  TX_PARTITIONS: number = 4;

  /** Replicas of every stream and bucket: 1 on a single server, 3 on a cluster. */
  @PositiveCount()
  @Max(5)
  JS_REPLICAS: number = 1;
}

export const natsServers = (url: string): string[] =>
  url
    .split(',')
    .map((server) => server.trim())
    .filter(Boolean);
