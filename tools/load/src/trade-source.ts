import { EvenShare } from './even-share';
import { FAST_USER, type FastUserBursts } from './fast-user';
import { type InvalidKind, INVALID_KINDS, type Submission } from './invalid-trades';
import { TradeMix } from './trade-mix';

/** What a run mixes in among the realistic trades. */
export interface Anomalies {
  /** Share of the trades spoilt in one way or another, 0 to 1. */
  invalid: number;
  /** Share of the valid trades with a rate off the market's, 0 to 1. */
  offMarket: number;
  /** When the fast user trades, if a run has one. */
  fastUser?: FastUserBursts;
}

export type Anomaly = 'off-market' | 'fast-user';

export interface Generated {
  submission: Submission;
  /** The kind of mistake it was made with, when it is meant to be refused. */
  invalid?: InvalidKind;
  /** What the fold is meant to flag it for, when it is valid but out of the ordinary. */
  anomaly?: Anomaly;
}

/**
 * The trades of a run: realistic ones, with the asked-for shares spoilt or off the market, and
 * the fast user's bursts in the place of some. The fast user's trades are valid and at the
 * market's rate, so that what they are flagged for is their pace alone.
 */
export class TradeSource {
  private readonly invalidShare: EvenShare;
  private readonly offMarketShare: EvenShare;

  constructor(
    private readonly anomalies: Anomalies,
    private readonly random: () => number = Math.random,
    private readonly mix = new TradeMix(random),
  ) {
    this.invalidShare = new EvenShare(anomalies.invalid);
    this.offMarketShare = new EvenShare(anomalies.offMarket);
  }

  next(): Generated {
    if (this.anomalies.fastUser?.take()) {
      return { submission: this.mix.trade({ userId: FAST_USER }), anomaly: 'fast-user' };
    }
    if (this.invalidShare.next()) {
      const invalid = INVALID_KINDS[Math.floor(this.random() * INVALID_KINDS.length)];
      return { submission: invalid.spoil(this.mix.trade()), invalid };
    }
    if (this.offMarketShare.next()) return { submission: this.mix.trade({ offMarket: true }), anomaly: 'off-market' };
    return { submission: this.mix.trade() };
  }
}
