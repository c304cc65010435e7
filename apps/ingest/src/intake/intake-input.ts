/** A JSON body as the HTTP body parser read it: its value, or the text that is no JSON and why. */
export type ParsedBody = { ok: true; value: unknown } | { ok: false; message: string; text: string };

/** A tx.submit message as it left the queue SUBMISSIONS. */
export interface QueuedSubmission {
  /** The trade's id, the same at every delivery of the message. */
  id: string;
  /** Its place in SUBMISSIONS. */
  sequence: number;
  receivedAt: Date;
  /** In bytes. */
  size: number;
  payload: string;
}
