const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COLON = 0x3a;
const COMMA = 0x2c;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;

/** A key given twice in the top-level object (`item` undefined), or in the object at `item` of a top-level array. */
export interface RepeatedKey {
  item?: number;
  key: string;
}

export type JsonStructure = { tooDeep: true } | { tooDeep: false; repeatedKeys: RepeatedKey[] };

/**
 * What JSON.parse does not tell of a JSON text it accepted: whether it nests arrays and objects
 * deeper than `maxDepth`, and which keys it repeats (JSON.parse keeps the last) in the objects
 * that may be trades: the top-level one, or those of a top-level array, a batch. One pass over
 * the text, which jumps over strings and reads only those objects' keys.
 */
export function readJsonStructure(text: string, maxDepth: number): JsonStructure {
  let repeatedKeys: RepeatedKey[] | undefined;
  let depth = 0;
  /** The depth of the objects that may be trades: 1 in a top-level object, 2 in a top-level array. */
  let tradeDepth = 1;
  let item = 0;
  let keys = new SeenKeys();
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === QUOTE) {
      const end = endOfString(text, i);
      if (depth === tradeDepth && isKey(text, end)) {
        const key = stringAt(text, i, end);
        if (keys.repeats(key)) (repeatedKeys ??= []).push({ item: tradeDepth === 2 ? item : undefined, key });
      }
      i = end;
    } else if (code === OPEN_OBJECT || code === OPEN_ARRAY) {
      if (++depth > maxDepth) return { tooDeep: true };
      if (depth === 1 && code === OPEN_ARRAY) tradeDepth = 2;
      if (depth === tradeDepth && code === OPEN_OBJECT) keys = new SeenKeys();
    } else if (code === CLOSE_OBJECT || code === CLOSE_ARRAY) {
      depth--;
    } else if (code === COMMA && depth === 1 && tradeDepth === 2) {
      item++;
    }
  }
  return { tooDeep: false, repeatedKeys: repeatedKeys ?? [] };
}

/**
 * The keys of one object so far: a short array while it is short (a trade has eight, and an array
 * costs less than a Set to make and to search), a Set beyond, as a hostile object may have thousands.
 */
class SeenKeys {
  private readonly list: string[] = [];
  private set?: Set<string>;

  /** Whether the key was seen before; notes it. */
  repeats(key: string): boolean {
    const seen = this.set ? this.set.has(key) : this.list.includes(key);
    if (!seen) this.note(key);
    return seen;
  }

  private note(key: string): void {
    if (this.set) this.set.add(key);
    else if (this.list.push(key) > 16) this.set = new Set(this.list);
  }
}

/** The index of the quote that closes the string opened at `start`. */
function endOfString(text: string, start: number): number {
  let end = text.indexOf('"', start + 1);
  while (text.charCodeAt(end - 1) === BACKSLASH && isEscaped(text, end)) end = text.indexOf('"', end + 1);
  return end;
}

/** Whether an odd number of backslashes precedes the character at `index`. */
function isEscaped(text: string, index: number): boolean {
  let backslashes = 0;
  while (text.charCodeAt(index - 1 - backslashes) === BACKSLASH) backslashes++;
  return backslashes % 2 === 1;
}

/** Whether the string that ends at `end` is a key: the next character but whitespace is a colon. */
function isKey(text: string, end: number): boolean {
  let next = end + 1;
  while (isWhitespace(text.charCodeAt(next))) next++;
  return text.charCodeAt(next) === COLON;
}

const isWhitespace = (code: number) => code === 0x20 || code === 0x0a || code === 0x0d || code === 0x09;

/** The string from the quote at `start` to the one at `end`, its escapes read. */
function stringAt(text: string, start: number, end: number): string {
  const raw = text.slice(start + 1, end);
  return raw.includes('\\') ? (JSON.parse(text.slice(start, end + 1)) as string) : raw;
}
