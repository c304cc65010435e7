import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { TradeFields } from '@tradeflow/contract';
import { describeNatsError } from '@tradeflow/nats';
import { type JsonParse, parseJson, randomTradeId, validateTrade } from '@tradeflow/trade';
import type { IngestEnvironment } from '../app/ingest.environment';
import { RejectionsPublisher } from '../rejections/rejections.publisher';
import { INVALID_KEY, isValidKey } from '../idempotency/idempotency-key';
import { IdempotencyKeys } from '../idempotency/idempotency-keys';
import { type TradeClaim, unkeyed } from '../idempotency/key-claims';
import type { ParsedBody, QueuedSubmission } from './intake-input';
import {
  type Accepted,
  type BatchItems,
  type IntakeOutcome,
  type NotAdmitted,
  type Refused,
  refused,
  refusedBody,
  type Unavailable,
} from './intake-outcome';
import { IntakePolicies } from './intake-policies';
import type { DescribeIntake } from './intake-policy';
import { submittedTrades } from './submitted-trades';
import { TransactionsPublisher } from './transactions.publisher';

const NOT_A_BATCH = refused('invalid-batch', 'invalid batch', [
  { field: '', message: 'a batch must be a non-empty JSON array of trades' },
]);

/**
 * The one way in, for POST /transactions, POST /transactions/batch and tx.submit alike: the
 * intake policies admit a submission, it is validated, a trade is stored in TRANSACTIONS once
 * JetStream acknowledges it, and a refusal is recorded in REJECTED. Each submission ends in an
 * outcome its transport answers; none is thrown. An HTTP caller is answered without waiting for
 * the record of its refusal; a tx.submit message's outcome is only reached once stored.
 */
@Injectable()
export class IntakeService {
  private readonly maxBytes: number;
  private readonly batchMaxItems: number;

  constructor(
    private readonly policies: IntakePolicies,
    private readonly transactions: TransactionsPublisher,
    private readonly rejections: RejectionsPublisher,
    private readonly keys: IdempotencyKeys,
    config: ConfigService<IngestEnvironment, true>,
  ) {
    this.maxBytes = config.get('BODY_LIMIT_BYTES', { infer: true });
    this.batchMaxItems = config.get('BATCH_MAX_ITEMS', { infer: true });
  }

  /** One trade over HTTP; `source` is described for the policies, if any. */
  submitTrade<S>(
    body: ParsedBody,
    key: string | undefined,
    source: S,
    describe: DescribeIntake<S>,
  ): Promise<IntakeOutcome> {
    return this.overHttp(this.takeTrade, body, key, source, describe);
  }

  /**
   * A JSON array of trades over HTTP: each stored or refused on its own. A batch refused for its
   * shape is refused before the policies see it, so that none spends anything (a rate limit's
   * tokens) on it.
   */
  submitBatch<S>(
    body: ParsedBody,
    key: string | undefined,
    source: S,
    describe: DescribeIntake<S>,
  ): Promise<IntakeOutcome> {
    const misshapen = body.ok ? this.batchShapeRefusal(body.value) : undefined;
    if (misshapen) return Promise.resolve(misshapen);
    return this.overHttp(this.takeBatch, body, key, source, describe);
  }

  /** A tx.submit message: resolves once its trade or its refusal is stored, else as unavailable. */
  submitQueued<S>(submission: QueuedSubmission, source: S, describe: DescribeIntake<S>): Promise<IntakeOutcome> {
    // Parsed once, if at all, for the policies and the intake.
    let parsed: JsonParse | undefined;
    const parse = () => (parsed ??= parseJson(submission.payload));
    if (this.policies.none) return this.takeQueued(submission, parse);
    // A body too large to judge names no trades.
    const trades = () => submittedTrades(submission.size > this.maxBytes ? { ok: false } : parse());
    return this.policies.apply(
      describe(source, trades),
      () => this.takeQueued(submission, parse),
      (outcome) => this.recordQueued(submission, outcome),
    );
  }

  /** With no policy registered, no context is built and nothing more awaited. */
  private overHttp<S>(
    take: (body: ParsedBody, key: string | undefined) => Promise<IntakeOutcome>,
    body: ParsedBody,
    key: string | undefined,
    source: S,
    describe: DescribeIntake<S>,
  ): Promise<IntakeOutcome> {
    if (this.policies.none) return take.call(this, body, key);
    const context = describe(source, () => submittedTrades(body));
    return this.policies.apply(context, () => take.call(this, body, key));
  }

  private takeTrade(body: ParsedBody, key: string | undefined): Promise<IntakeOutcome> {
    if (!body.ok) return this.noteRefusal(body.text, refusedBody('malformed', body.message));
    if (!isValidKey(key)) return Promise.resolve(INVALID_KEY);
    const validation = validateTrade(body.value);
    if (!validation.ok) return this.noteRefusal(body.value, refused('invalid', 'invalid trade', validation.errors));
    if (key === undefined) return this.store(validation.trade, randomTradeId(), new Date());
    return this.storeKeyed(validation.trade, key, new Date());
  }

  private batchShapeRefusal(value: unknown): Refused | undefined {
    if (!Array.isArray(value) || value.length === 0) return NOT_A_BATCH;
    if (value.length <= this.batchMaxItems) return undefined;
    return refusedBody('too-large', `a batch holds at most ${this.batchMaxItems} trades, not ${value.length}`);
  }

  /** A batch whose shape submitBatch has checked. */
  private takeBatch(body: ParsedBody, key: string | undefined): Promise<IntakeOutcome> {
    if (!body.ok) return this.noteRefusal(body.text, refusedBody('malformed', body.message));
    if (!isValidKey(key)) return Promise.resolve(INVALID_KEY);
    return this.storeBatch(body.value as unknown[], key);
  }

  /** The valid trades are claimed (with a key: a batch another one's refused as a whole), then stored. */
  private async storeBatch(trades: unknown[], key: string | undefined): Promise<IntakeOutcome> {
    const items: BatchItems = { accepted: [], rejected: [], failed: [] };
    const receivedAt = new Date();
    const valid: { index: number; trade: TradeFields }[] = [];
    trades.forEach((input, index) => {
      const validation = validateTrade(input);
      if (validation.ok) return valid.push({ index, trade: validation.trade });
      this.rejections.noteHttp(input, validation.errors);
      items.rejected.push({ index, errors: validation.errors });
    });
    const claims =
      key === undefined ? valid.map(() => unkeyed(randomTradeId())) : await this.keys.claimBatch(key, valid);
    if (!Array.isArray(claims)) return claims;
    const settle = async ({ index, trade }: (typeof valid)[number], i: number) => {
      const outcome = await this.settle(claims[i], trade, receivedAt);
      if (outcome.kind === 'accepted') items.accepted.push({ index, id: outcome.id });
      else items.failed.push({ index, reason: outcome.message });
    };
    await Promise.all(valid.map(settle));
    for (const list of Object.values(items) as { index: number }[][]) {
      list.sort((a, b) => a.index - b.index);
    }
    return { kind: 'batch', items };
  }

  private takeQueued(submission: QueuedSubmission, parse: () => JsonParse): Promise<IntakeOutcome> {
    if (submission.size > this.maxBytes) {
      return this.recordQueued(submission, refusedBody('too-large', `body is larger than ${this.maxBytes} bytes`));
    }
    const parsed = parse();
    if (!parsed.ok) return this.recordQueued(submission, refusedBody('malformed', parsed.message));
    if (!isValidKey(submission.key)) return this.recordQueued(submission, INVALID_KEY);
    const validation = validateTrade(parsed.value);
    if (!validation.ok) return this.recordQueued(submission, refused('invalid', 'invalid trade', validation.errors));
    const { key, id, receivedAt } = submission;
    if (key === undefined) return this.store(validation.trade, id, receivedAt);
    return this.storeKeyed(validation.trade, key, receivedAt).then((outcome) =>
      outcome.kind === 'refused' ? this.recordQueued(submission, outcome) : outcome,
    );
  }

  /** A single trade with an Idempotency-Key: stored once while the key is remembered (see KeyClaims). */
  private async storeKeyed(
    fields: TradeFields,
    key: string,
    receivedAt: Date,
  ): Promise<Accepted | Unavailable | Refused> {
    const claim = await this.keys.claimTrade(key, fields);
    return claim.kind === 'refused' ? claim : this.settle(claim, fields, receivedAt);
  }

  /** Stores a trade as its claim says; a confirmation is not waited for. */
  private async settle(claim: TradeClaim, fields: TradeFields, receivedAt: Date): Promise<Accepted | Unavailable> {
    switch (claim.kind) {
      case 'stored':
        return { kind: 'accepted', id: claim.id };
      case 'retry':
        return { kind: 'unavailable', message: claim.message };
      case 'store': {
        const outcome = await this.store(fields, claim.id, receivedAt);
        if (outcome.kind === 'accepted') void claim.confirm();
        return outcome;
      }
    }
  }

  private async store(fields: TradeFields, id: string, receivedAt: Date): Promise<Accepted | Unavailable> {
    try {
      await this.transactions.publish(fields, id, receivedAt);
      return { kind: 'accepted', id };
    } catch (error) {
      return { kind: 'unavailable', message: (error as Error).message };
    }
  }

  /** An HTTP refusal, recorded without holding up the answer: the caller has the reasons already. */
  private noteRefusal(payload: unknown, outcome: Refused): Promise<IntakeOutcome> {
    this.rejections.noteHttp(payload, outcome.errors);
    return Promise.resolve(outcome);
  }

  /** The refusal once REJECTED has it; unavailable while it cannot be stored. */
  private async recordQueued(
    { id, sequence, receivedAt, payload }: QueuedSubmission,
    outcome: Refused | NotAdmitted,
  ): Promise<IntakeOutcome> {
    try {
      await this.rejections.store({
        id,
        source: 'tx.submit',
        submissionSequence: sequence,
        receivedAt: receivedAt.toISOString(),
        errors: outcome.kind === 'refused' ? outcome.errors : [{ field: '', message: outcome.refusal.message }],
        payload: payload.slice(0, this.maxBytes),
      });
      return outcome;
    } catch (error) {
      return { kind: 'unavailable', message: describeNatsError(error) };
    }
  }
}
