// Recounts TRANSACTIONS and checks every figure in the KV bucket `stats`.
// Exit status: 0 all agree, 1 some figure differs, 2 could not verify (connection, stream, bucket).
import { describeNatsError, natsServers } from '@tradeflow/nats';
import { formatReport } from './report';
import { verify } from './verify';

const url = process.env['NATS_URL'] || 'nats://127.0.0.1:4222';

verify(natsServers(url)).then(
  (report) => {
    console.log(formatReport(report));
    process.exitCode = report.differences.length === 0 ? 0 : 1;
  },
  (error: unknown) => {
    console.error(`verify: could not verify against ${url}: ${describeNatsError(error)}`);
    process.exitCode = 2;
  },
);
