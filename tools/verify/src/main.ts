// Recounts TRANSACTIONS and checks every figure in the KV bucket `stats`.
// Exit status: 0 all agree, 1 some figure differs, 2 could not verify (environment, connection, stream, bucket).
import { describeNatsError, NatsEnvironment, natsConnectionOptions, shownServers } from '@tradeflow/nats';
import { validateEnvironment } from '@tradeflow/platform';
import { formatReport } from './report';
import { verify } from './verify';

// As the apps read it: where NATS is and how to authenticate, and TX_PARTITIONS (a trade on
// `tx.accepted.<n>` must belong to partition n).
let environment: NatsEnvironment | undefined;
try {
  environment = validateEnvironment(NatsEnvironment)(process.env);
} catch (error) {
  console.error(`verify: ${(error as Error).message}`);
  process.exitCode = 2;
}

if (environment) {
  const servers = shownServers(environment.NATS_URL);
  verify(natsConnectionOptions(environment), environment.TX_PARTITIONS).then(
    (report) => {
      console.log(formatReport(report));
      process.exitCode = report.differences.length === 0 ? 0 : 1;
    },
    (error: unknown) => {
      console.error(`verify: could not verify against ${servers}: ${describeNatsError(error)}`);
      process.exitCode = 2;
    },
  );
}
