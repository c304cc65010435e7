import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { TradeFields } from '@tradeflow/contract';
import { describeNatsError, NatsClient } from '@tradeflow/nats';
import { BUCKETS } from '@tradeflow/topology';
import type { IngestEnvironment } from '../app/ingest.environment';
import { notStored } from '../intake/broker-unavailable.error';
import type { Refused } from '../intake/intake-outcome';
import { batchConflict, batchEntries, tradeConflict, tradeEntry } from './idempotency-key';
import { type Claim, type ClaimTiming, KeyClaims, type TradeClaim } from './key-claims';
import { TransactionsLookup } from './transactions-lookup';

/**
 * The Idempotency-Keys of submissions, remembered in the bucket `idempotency` (see KeyClaims):
 * a claim says how to store a trade, or why not now. Asked only of submissions with a key.
 */
@Injectable()
export class IdempotencyKeys {
  private readonly timing: ClaimTiming;
  private claims?: Promise<KeyClaims>;

  constructor(
    private readonly nats: NatsClient,
    private readonly transactions: TransactionsLookup,
    config: ConfigService<IngestEnvironment, true>,
  ) {
    this.timing = {
      duplicateWindowMs: config.get('DUPLICATE_WINDOW_SECONDS', { infer: true }) * 1000,
      publishTimeoutMs: config.get('PUBLISH_TIMEOUT_MS', { infer: true }),
    };
  }

  /** A single trade's claim, on POST /transactions or tx.submit; a conflict refused. */
  async claimTrade(key: string, trade: TradeFields): Promise<TradeClaim | Refused> {
    const claim = await this.claim(tradeEntry(key), trade);
    return claim.kind === 'conflict' ? tradeConflict(key) : claim;
  }

  /**
   * The claims of a batch's trades, item by item in the order given; refused as a whole when any
   * item's key was first used for another trade (the batch is another batch).
   */
  async claimBatch(key: string, items: { index: number; trade: TradeFields }[]): Promise<TradeClaim[] | Refused> {
    const entryOf = batchEntries(key);
    const claims = await Promise.all(items.map(({ index, trade }) => this.claim(entryOf(index), trade)));
    const claimed = claims.filter((claim): claim is TradeClaim => claim.kind !== 'conflict');
    if (claimed.length === claims.length) return claimed;
    return batchConflict(
      key,
      items.filter((_, i) => claims[i].kind === 'conflict').map(({ index }) => index),
    );
  }

  private async claim(entry: string, trade: TradeFields): Promise<Claim> {
    // While disconnected a KV request would only queue in the client: refuse at once instead.
    if (!this.nats.isConnected()) return { kind: 'retry', message: notStored('not connected to NATS') };
    try {
      return await (await this.keyClaims()).claim(entry, trade);
    } catch (error) {
      return { kind: 'retry', message: notStored(describeNatsError(error)) };
    }
  }

  /** Bound once (the bucket is ingest's own, created with its streams), again after a failure. */
  private keyClaims(): Promise<KeyClaims> {
    this.claims ??= this.nats.js.views.kv(BUCKETS.idempotency, { bindOnly: true }).then(
      (kv) =>
        new KeyClaims(kv, (trade, id, from, to) => this.transactions.storedBetween(trade, id, from, to), this.timing),
      (error: unknown) => {
        this.claims = undefined;
        throw error;
      },
    );
    return this.claims;
  }
}
