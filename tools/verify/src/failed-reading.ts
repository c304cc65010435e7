import { describeNatsError } from '@tradeflow/nats';

/** A rejection handler naming what could not be read: "stream TRANSACTIONS: stream not found". */
export const failedReading =
  (what: string) =>
  (error: unknown): never => {
    throw new Error(`${what}: ${describeNatsError(error)}`, { cause: error });
  };
