import type { IncomingMessage } from 'node:http';
import type { DescribeIntake } from '../intake/intake-policy';

/** An HTTP route's submissions as the intake policies see them. */
export const describeHttpIntake =
  (route: string): DescribeIntake<IncomingMessage> =>
  (request, trades) => ({
    transport: 'http',
    route,
    client: request.socket.remoteAddress,
    header: (name) => {
      const value = request.headers[name.toLowerCase()];
      return Array.isArray(value) ? value[0] : value;
    },
    trades,
  });
