import type { TradeFields } from '@tradeflow/contract';
import { isWrongLastSequence } from '@tradeflow/nats';
import { randomTradeId, tradeFingerprint } from '@tradeflow/trade';
import type { KV, KvEntry } from 'nats';

/** Rounds of claim and read before giving up for now: each further one means another writer won a race. */
const MAX_ROUNDS = 3;
/**
 * The margin of every time bound here: how far the clocks of ingest and of the servers (a key's
 * entry and a stored trade carry the server's time) may disagree, and a publish's way to the stream.
 */
export const CLOCK_SLACK_MS = 2000;

/** A key's entry: the id and fingerprint of its trade; `stored` once JetStream acknowledged it. */
interface Remembered {
  id: string;
  fingerprint: string;
  stored?: true;
}

/** What a claim asks of a submission whose key is its trade's (or that has none). */
export type TradeClaim =
  /** Publish the trade under `id` (as Nats-Msg-Id too), then `confirm`. */
  | { kind: 'store'; id: string; confirm(): Promise<void> }
  /** The trade is stored under `id`: answer that, store nothing. */
  | { kind: 'stored'; id: string }
  /** Nothing is stored by this submission; it may be sent again. */
  | { kind: 'retry'; message: string };

/** A key's claim: its trade's, or a conflict, the key having been first used for another trade. */
export type Claim = TradeClaim | { kind: 'conflict' };

/** The claim of a trade without a key: stored under a fresh id, with nothing to confirm. */
export const unkeyed = (id: string): TradeClaim => ({ kind: 'store', id, confirm: () => Promise.resolve() });

/** Whether TRANSACTIONS holds the trade `id`, of the partition of `trade`, stored between two instants. */
export type FindStored = (trade: TradeFields, id: string, from: Date, to: Date) => Promise<boolean>;

export interface ClaimTiming {
  /** TRANSACTIONS' duplicate window. */
  duplicateWindowMs: number;
  /** The longest wait for JetStream's acknowledgement of a trade. */
  publishTimeoutMs: number;
}

/** Undefined when another writer's entry is there (create) or came first (update). */
const unlessTaken = (error: unknown): undefined => {
  if (isWrongLastSequence(error)) return undefined;
  throw error;
};

/**
 * Remembers an Idempotency-Key as the id and fingerprint of the trade it first came with, for the
 * bucket's TTL: used again with the same trade it is that trade (its id, nothing stored again),
 * with another a conflict. Once the TTL has forgotten it, the key is new: a new trade, a new id.
 *
 * The order keeps a crash from losing or doubling a trade:
 * 1. claim: `create` the key's entry with a new id. Of instances racing on a key the first wins;
 *    the others read its entry.
 * 2. publish the trade under the claimed id (its Nats-Msg-Id too); answer 202 only then.
 * 3. confirm: mark the entry stored. Not awaited: a lost confirmation costs a retry a look-up.
 * Claiming after publishing would let two racing instances both store. A crash (or a 503) after
 * the claim leaves an unconfirmed entry whose trade may or may not be stored; the client's retry
 * finds it, and
 * - while JetStream's duplicate window still covers any earlier publish of it, publishes again
 *   under the same id: stored if it was not, dropped as a duplicate if it was;
 * - once no earlier publish can land any more, looks for the id in TRANSACTIONS from the claim's
 *   time on: found, it confirms; not found, it renews the claim (a write on the entry's revision,
 *   so one of racing retries wins, the others then publish as above) and publishes;
 * - in between, it is asked to retry later.
 */
export class KeyClaims {
  /** An unconfirmed claim younger than this may be published again (JetStream deduplicates). */
  private readonly republishBeforeMs: number;
  /** An unconfirmed claim older than this has no publish left that could still land. */
  private readonly settledAfterMs: number;

  constructor(
    private readonly kv: Pick<KV, 'get' | 'create' | 'update'>,
    private readonly findStored: FindStored,
    { duplicateWindowMs, publishTimeoutMs }: ClaimTiming,
    private readonly now: () => number = Date.now,
  ) {
    this.republishBeforeMs = duplicateWindowMs - publishTimeoutMs - 2 * CLOCK_SLACK_MS;
    this.settledAfterMs = Math.max(this.republishBeforeMs, 0) + publishTimeoutMs + 2 * CLOCK_SLACK_MS;
  }

  /** The claim of `key` (a KV key) for `trade`. Throws when the bucket cannot be read or written. */
  async claim(key: string, trade: TradeFields): Promise<Claim> {
    const fingerprint = tradeFingerprint(trade);
    for (let round = 0; round < MAX_ROUNDS; round++) {
      const id = randomTradeId();
      const value = JSON.stringify({ id, fingerprint } satisfies Remembered);
      const revision = await this.kv.create(key, value).catch(unlessTaken);
      if (revision !== undefined) return this.toStore(key, { id, fingerprint }, revision);
      const entry = await this.kv.get(key);
      // Forgotten (the TTL) since the create: claim it anew.
      if (entry?.operation !== 'PUT') continue;
      const claim = await this.follow(key, entry, trade, fingerprint);
      if (claim) return claim;
    }
    return { kind: 'retry', message: 'Idempotency-Key is being claimed by concurrent submissions; retry later' };
  }

  /** What an existing entry asks of a submission of `trade`; undefined when a racing retry renewed it first. */
  private async follow(
    key: string,
    entry: KvEntry,
    trade: TradeFields,
    fingerprint: string,
  ): Promise<Claim | undefined> {
    const remembered = entry.json<Remembered>();
    if (remembered.fingerprint !== fingerprint) return { kind: 'conflict' };
    if (remembered.stored) return { kind: 'stored', id: remembered.id };
    const claimedAt = entry.created.getTime();
    const age = this.now() - claimedAt;
    if (age < this.republishBeforeMs) return this.toStore(key, remembered, entry.revision);
    if (age < this.settledAfterMs) {
      return {
        kind: 'retry',
        message: 'an earlier submission with this Idempotency-Key is not settled yet; retry later',
      };
    }
    const from = new Date(claimedAt - CLOCK_SLACK_MS);
    if (await this.findStored(trade, remembered.id, from, new Date(claimedAt + this.settledAfterMs))) {
      await this.toStore(key, remembered, entry.revision).confirm();
      return { kind: 'stored', id: remembered.id };
    }
    const renewed = await this.kv.update(key, entry.value, entry.revision).catch(unlessTaken);
    return renewed === undefined ? undefined : this.toStore(key, remembered, renewed);
  }

  private toStore(key: string, { id, fingerprint }: Remembered, revision: number): TradeClaim & { kind: 'store' } {
    const stored = JSON.stringify({ id, fingerprint, stored: true } satisfies Remembered);
    return {
      kind: 'store',
      id,
      // A confirmation that fails, or finds the entry renewed, leaves the look-up to a later retry.
      confirm: () =>
        this.kv.update(key, stored, revision).then(
          () => undefined,
          () => undefined,
        ),
    };
  }
}
