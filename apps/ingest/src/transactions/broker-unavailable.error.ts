/**
 * JetStream could not acknowledge a trade: it is not stored, and the caller should retry. A
 * batch carries the body that says which of its trades were stored.
 */
export class BrokerUnavailableError extends Error {
  constructor(
    reason: string,
    readonly body?: object,
  ) {
    super(`trade not stored: ${reason}; retry later`);
  }

  /** The 503 answer's body: nothing (or, for a batch, not everything) was stored. */
  answer(): object {
    return { statusCode: 503, error: 'Service Unavailable', message: this.message, ...this.body };
  }
}
