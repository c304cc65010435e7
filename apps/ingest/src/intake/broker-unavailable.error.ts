/** JetStream could not acknowledge a trade: it is not stored, and the caller should retry. */
export class BrokerUnavailableError extends Error {
  constructor(reason: string) {
    super(notStored(reason));
  }
}

export const notStored = (reason: string) => `trade not stored: ${reason}; retry later`;
