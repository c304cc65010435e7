import type { NatsError } from 'nats';

/** A NATS error as a person reads it: JetStream's own description ("maximum messages exceeded"), not "503". */
export const describeNatsError = (error: unknown): string =>
  (error as NatsError).api_error?.description ?? (error as Error).message;
