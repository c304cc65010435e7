/** A JSON body as the HTTP body parser read it: its value, or the text that is no JSON and why. */
export type ParsedBody = { ok: true; value: unknown } | { ok: false; message: string; text: string };

/** A tx.submit message as it left the queue SUBMISSIONS. */
export interface QueuedSubmission {
  /** Its Idempotency-Key header, as sent (the intake checks it). */
  key: string | undefined;
  /**
   * From its place in SUBMISSIONS, the same at every delivery: the id of its trade when it has no
   * key, and of its record in REJECTED.
   */
  id: string;
  /** Its place in SUBMISSIONS. */
  sequence: number;
  receivedAt: Date;
  /** In bytes. */
  size: number;
  payload: string;
}
