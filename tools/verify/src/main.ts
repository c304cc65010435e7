// Recounts TRANSACTIONS and checks every figure in the KV bucket `stats`, and every flag in FLAGS.
// Exit status: 0 all agree, 1 something differs, 2 could not verify (environment, connection, stream, bucket).
import { DetectorEnvironment, detectorSettings } from '@tradeflow/fold';
import { describeNatsError, NatsEnvironment, natsConnectionOptions, shownServers } from '@tradeflow/nats';
import { validateEnvironment } from '@tradeflow/platform';
import { agrees, formatReport } from './report';
import { verify } from './verify';

// As the apps read it: where NATS is and how to authenticate, TX_PARTITIONS (a trade on
// `tx.accepted.<n>` must belong to partition n), and the detectors' thresholds, as process's.
let environment: { nats: NatsEnvironment; detectors: DetectorEnvironment } | undefined;
try {
  environment = {
    nats: validateEnvironment(NatsEnvironment)(process.env),
    detectors: validateEnvironment(DetectorEnvironment)(process.env),
  };
} catch (error) {
  console.error(`verify: ${(error as Error).message}`);
  process.exitCode = 2;
}

if (environment) {
  const { nats, detectors } = environment;
  const servers = shownServers(nats.NATS_URL);
  verify(natsConnectionOptions(nats), nats.TX_PARTITIONS, detectorSettings(detectors)).then(
    (report) => {
      console.log(formatReport(report));
      process.exitCode = agrees(report) ? 0 : 1;
    },
    (error: unknown) => {
      console.error(`verify: could not verify against ${servers}: ${describeNatsError(error)}`);
      process.exitCode = 2;
    },
  );
}
