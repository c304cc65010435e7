import type { StatsUpdate } from './model';

const encoder = new TextEncoder();
const COMMA = 44;
const CLOSING = encoder.encode(']}');

/**
 * A StatsUpdate as the JSON bytes of a message, its items given as the bytes they were stored in:
 * process forwards a batch's trades as they came from the stream, copied, instead of serialising
 * and encoding each one again.
 */
export function encodeStatsUpdate(head: Omit<StatsUpdate, 'items'>, items: readonly Uint8Array[]): Uint8Array {
  const opening = encoder.encode(`${JSON.stringify(head).slice(0, -1)},"items":[`);
  const itemsLength = items.reduce((length, item) => length + item.length, Math.max(items.length - 1, 0));
  const message = new Uint8Array(opening.length + itemsLength + CLOSING.length);
  message.set(opening);
  let offset = opening.length;
  items.forEach((item, index) => {
    if (index > 0) message[offset++] = COMMA;
    message.set(item, offset);
    offset += item.length;
  });
  message.set(CLOSING, offset);
  return message;
}
