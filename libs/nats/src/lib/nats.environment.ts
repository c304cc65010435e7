import { PositiveCount, RuntimeEnvironment, Secret } from '@tradeflow/platform';
import { IsNotEmpty, IsString, Max } from 'class-validator';
import { Needs, NKEY_SEED, OnlyWayToAuthenticate, ReadableFile, ServerList, USER_CREDS } from './environment-rules';
import { shownServers } from './server-urls';

/**
 * The environment of every app that talks to NATS. At most one way to authenticate: a user and
 * password (or a token) in NATS_URL, NATS_TOKEN, NATS_NKEY_SEED_FILE or NATS_CREDS_FILE. An empty
 * variable is unset.
 */
export class NatsEnvironment extends RuntimeEnvironment {
  /** One URL, or a comma-separated list of a cluster's servers; `nats://user:password@host:port` authenticates. */
  @Secret(shownServers)
  @IsString()
  @IsNotEmpty()
  @ServerList()
  NATS_URL: string = 'nats://127.0.0.1:4222';

  /** A token the servers expect (their `authorization { token }`). */
  @Secret()
  @IsString()
  @OnlyWayToAuthenticate('NATS_TOKEN')
  NATS_TOKEN: string = '';

  /** A file holding an nkey user's seed (`SU…`): the client signs the server's challenge with it. */
  @IsString()
  @ReadableFile(NKEY_SEED)
  @OnlyWayToAuthenticate('NATS_NKEY_SEED_FILE')
  NATS_NKEY_SEED_FILE: string = '';

  /** A `.creds` file (a user JWT and its nkey seed), for servers in operator (JWT) mode. */
  @IsString()
  @ReadableFile(USER_CREDS)
  @OnlyWayToAuthenticate('NATS_CREDS_FILE')
  NATS_CREDS_FILE: string = '';

  /** The PEM certificate(s) of the authority that signed the servers' certificates; set, TLS is required. */
  @IsString()
  @ReadableFile()
  NATS_CA_FILE: string = '';

  /** The client's PEM certificate, for servers that verify clients (mutual TLS); set, TLS is required. */
  @IsString()
  @ReadableFile()
  @Needs('NATS_KEY_FILE')
  NATS_CERT_FILE: string = '';

  /** The private key of NATS_CERT_FILE. */
  @IsString()
  @ReadableFile()
  @Needs('NATS_CERT_FILE')
  NATS_KEY_FILE: string = '';

  /** How many `tx.accepted.<n>` partitions the accepted trades are spread over. */
  @PositiveCount()
  @Max(1024)
  TX_PARTITIONS: number = 4;

  /** Replicas of every stream and bucket: 1 on a single server, 3 on a cluster. */
  @PositiveCount()
  @Max(5)
  JS_REPLICAS: number = 1;
}
