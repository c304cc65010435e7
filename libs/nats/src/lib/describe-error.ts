import { NatsError } from 'nats';

/**
 * A NATS error as a person reads it: JetStream's own description ("maximum messages exceeded"),
 * not "503"; a server that refused the client's credentials says so first.
 */
export function describeNatsError(error: unknown): string {
  if (error instanceof NatsError && (error.isAuthError() || error.isAuthTimeout())) {
    return `authentication failed: ${error.message}`;
  }
  return (error as NatsError).api_error?.description ?? (error as Error).message;
}
