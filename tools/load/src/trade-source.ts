import { type InvalidKind, INVALID_KINDS, InvalidShare, type Submission } from './invalid-trades';
import { TradeMix } from './trade-mix';

export interface Generated {
  submission: Submission;
  /** The kind of mistake it was made with, when it is meant to be refused. */
  invalid?: InvalidKind;
}

/** The trades of a run: realistic ones, with the asked-for share spoilt in one way or another. */
export class TradeSource {
  private readonly share: InvalidShare;

  constructor(
    invalidFraction: number,
    private readonly random: () => number = Math.random,
    private readonly mix = new TradeMix(random),
  ) {
    this.share = new InvalidShare(invalidFraction);
  }

  next(): Generated {
    const trade = this.mix.trade();
    if (!this.share.next()) return { submission: trade };
    const invalid = INVALID_KINDS[Math.floor(this.random() * INVALID_KINDS.length)];
    return { submission: invalid.spoil(trade), invalid };
  }
}
