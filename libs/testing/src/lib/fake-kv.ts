import {
  ErrorCode,
  type KV,
  type KvDeleteOptions,
  type KvEntry,
  type KvPutOptions,
  NatsError,
  type Payload,
} from 'nats';

/** JetStream's error for a write that expects another last revision of its key. */
const WRONG_LAST_SEQUENCE = 10071;

interface Stored {
  revision: number;
  operation: 'PUT' | 'DEL';
  value: Uint8Array;
  writtenAt: number;
}

/** Runs the next write in its place: may wait before `write`, skip it, or fail after it. */
export type WriteInterceptor = (write: () => number) => Promise<number>;

export interface FakeKvOptions {
  /** The bucket's TTL: a key whose last write (a delete included) is older is gone without a trace. */
  ttlMs?: number;
  /** The clock the TTL is measured by. */
  now?: () => number;
}

const decoder = new TextDecoder();
const encoder = new TextEncoder();

/** What nats.js's KV raises when the server refuses a write by revision: the key's last is another. */
function wrongLastSequence(lastRevision: number): NatsError {
  const description = `wrong last sequence: ${lastRevision}`;
  const error = new NatsError(description, '400');
  error.api_error = { code: 400, err_code: WRONG_LAST_SEQUENCE, description };
  return error;
}

const isWrongLastSequence = (error: unknown) => (error as NatsError).api_error?.err_code === WRONG_LAST_SEQUENCE;

const WILDCARDS: Record<string, string> = { '*': '[^.]+', '>': '.+' };

/** A NATS subject filter (`instances.*`) as a pattern of keys, whose characters are `A-Z a-z 0-9 - / _ = .`. */
const subjectPattern = (filter: string) =>
  new RegExp(
    `^${filter
      .split('.')
      .map((token) => WILDCARDS[token] ?? token)
      .join('\\.')}$`,
  );

/**
 * A KV bucket in memory that keeps JetStream's revision rules, for unit tests of code written
 * against nats.js's KV: one sequence for the whole bucket (a write's revision is the bucket's
 * next), one entry a key (history 1), a delete kept as a DEL entry with a revision of its own, a
 * write by revision refused with the server's "wrong last sequence" error as nats.js raises it,
 * `create` done as nats.js does it (onto no entry, else onto a DEL entry), and a TTL. Also the
 * reads process asks of a bucket's leader (`latestRevision`, `countKeys`), and faults of the next
 * writes. Each call is asynchronous, so concurrent callers interleave as they would over NATS.
 */
export class FakeKv implements Pick<KV, 'get' | 'put' | 'create' | 'update' | 'delete'> {
  private readonly keys = new Map<string, Stored>();
  private lastRevision = 0;
  private readonly interceptors: WriteInterceptor[] = [];

  constructor(private readonly options: FakeKvOptions = {}) {}

  async get(key: string): Promise<KvEntry | null> {
    const stored = this.stored(key);
    if (!stored) return null;
    const { revision, operation, value, writtenAt } = stored;
    return {
      bucket: 'fake',
      key,
      value,
      created: new Date(writtenAt),
      revision,
      operation,
      length: value.length,
      json: <T>() => JSON.parse(decoder.decode(value)) as T,
      string: () => decoder.decode(value),
    };
  }

  async put(key: string, data: Payload, opts: Partial<KvPutOptions> = {}): Promise<number> {
    return this.write(key, 'PUT', data, opts.previousSeq);
  }

  /** As nats.js: a write expecting no entry, and where the key's entry is a delete, a write onto it. */
  async create(key: string, data: Payload): Promise<number> {
    try {
      return await this.put(key, data, { previousSeq: 0 });
    } catch (error) {
      if (!isWrongLastSequence(error)) throw error;
      const current = await this.get(key);
      if (current?.operation !== 'DEL') throw error;
      return this.update(key, data, current.revision);
    }
  }

  update(key: string, data: Payload, version: number): Promise<number> {
    // nats.js throws this one synchronously.
    if (version <= 0) throw new Error('version must be greater than 0');
    return this.put(key, data, { previousSeq: version });
  }

  async delete(key: string, opts: Partial<KvDeleteOptions> = {}): Promise<void> {
    // nats.js expects a revision only when one other than 0 is given.
    await this.write(key, 'DEL', new Uint8Array(), opts.previousSeq || undefined);
  }

  /** The revision of the key's last write, a delete included; undefined when it has none. */
  async latestRevision(key: string): Promise<number | undefined> {
    return this.stored(key)?.revision;
  }

  /** How many keys match a subject filter (`instances.*`), deleted ones included. */
  async countKeys(filter: string): Promise<number> {
    const pattern = subjectPattern(filter);
    return [...this.keys.keys()].filter((key) => this.stored(key) && pattern.test(key)).length;
  }

  /** The next write not yet intercepted runs through `interceptor`. */
  interceptNextWrite(interceptor: WriteInterceptor): void {
    this.interceptors.push(interceptor);
  }

  /**
   * The next write fails with `error`, a request timeout by default; when `stored`, the server
   * kept it all the same (the answer was lost).
   */
  failNextWrite({ error = NatsError.errorForCode(ErrorCode.Timeout), stored = false } = {}): void {
    this.interceptNextWrite(async (write) => {
      if (stored) write();
      throw error;
    });
  }

  /** The next write reaches the bucket after `ms`: writes meanwhile land before it. */
  delayNextWrite(ms: number): void {
    this.interceptNextWrite(async (write) => {
      await new Promise((resolve) => setTimeout(resolve, ms));
      return write();
    });
  }

  private async write(
    key: string,
    operation: Stored['operation'],
    data: Payload,
    previousSeq?: number,
  ): Promise<number> {
    const apply = () => {
      const last = this.stored(key)?.revision ?? 0;
      if (previousSeq !== undefined && previousSeq !== last) throw wrongLastSequence(last);
      const value = typeof data === 'string' ? encoder.encode(data) : Uint8Array.from(data);
      this.keys.set(key, { revision: ++this.lastRevision, operation, value, writtenAt: this.now() });
      return this.lastRevision;
    };
    const interceptor = this.interceptors.shift();
    return interceptor ? interceptor(apply) : apply();
  }

  /** The key's entry, unless the TTL has removed it. */
  private stored(key: string): Stored | undefined {
    const stored = this.keys.get(key);
    const { ttlMs } = this.options;
    if (stored && ttlMs !== undefined && this.now() - stored.writtenAt >= ttlMs) {
      this.keys.delete(key);
      return undefined;
    }
    return stored;
  }

  private now(): number {
    return (this.options.now ?? Date.now)();
  }
}
