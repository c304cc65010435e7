import type { NatsError } from 'nats';

/** The JetStream API error codes acted upon: an answer by its code, never by its wording. */
export const API_ERROR = {
  consumerNotFound: 10014,
  noMessageFound: 10037,
  streamNotFound: 10059,
  /** A write that expects another last sequence (a KV revision) of its subject. */
  wrongLastSequence: 10071,
} as const;

/** Whether an error is JetStream's API error of that code. */
export const isApiError =
  (code: number) =>
  (error: unknown): boolean =>
    (error as NatsError | undefined)?.api_error?.err_code === code;

/** A KV update or create refused because another writer's revision came first. */
export const isWrongLastSequence = isApiError(API_ERROR.wrongLastSequence);
