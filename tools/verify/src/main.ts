// Recounts TRANSACTIONS and checks every figure in the KV bucket `stats`.
// Exit status: 0 all agree, 1 some figure differs, 2 could not verify (connection, stream, bucket).
import { describeNatsError, natsServers } from '@tradeflow/nats';
import { formatReport } from './report';
import { verify } from './verify';

const url = process.env['NATS_URL'] || 'nats://127.0.0.1:4222';
// As the apps read it: a trade on `tx.accepted.<n>` must belong to partition n.
const partitionsText = process.env['TX_PARTITIONS'] || '4';
const partitions = Number(partitionsText);

if (!/^\d+$/.test(partitionsText) || partitions < 1 || partitions > 1024) {
  console.error(`verify: TX_PARTITIONS must be an integer from 1 to 1024, not ${partitionsText}`);
  process.exitCode = 2;
} else {
  verify(natsServers(url), partitions).then(
    (report) => {
      console.log(formatReport(report));
      process.exitCode = report.differences.length === 0 ? 0 : 1;
    },
    (error: unknown) => {
      console.error(`verify: could not verify against ${url}: ${describeNatsError(error)}`);
      process.exitCode = 2;
    },
  );
}
