import type { IncomingMessage } from 'node:http';

/** The client closed the connection before its whole body arrived: there is no one to answer. */
export class RequestAborted extends Error {
  constructor() {
    super('the client closed the connection before sending the whole body');
  }
}

/**
 * A request's body as text, refused with `tooLarge` as soon as it passes `limit` bytes (the rest
 * is read and dropped), or with RequestAborted when the client leaves before its end.
 */
export function readBody(request: IncomingMessage, limit: number, tooLarge: () => Error): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      if (size > limit) return;
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
      else reject(tooLarge());
    });
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    // A request's stream fails only when its connection does, as when the client aborts.
    request.on('error', () => reject(new RequestAborted()));
  });
}
