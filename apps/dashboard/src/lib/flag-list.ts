import type { Flag, FlagKind } from '@tradeflow/contract';
import { Ring } from './ring';

/**
 * The newest flags the page has heard of, each once (by id), and the kinds each trade was flagged
 * for, so the trades list can mark it whenever the flag comes, before or after the trade. Bounded
 * by its ring: a flag pushed out no longer marks its trade.
 */
export class FlagList {
  private readonly ring: Ring<Flag>;
  private readonly ids = new Set<string>();
  private readonly kindsByTrade = new Map<string, FlagKind[]>();

  constructor(capacity: number) {
    this.ring = new Ring<Flag>(capacity);
  }

  /** Takes a snapshot's flags, newest first, in place of all held. */
  replace(flags: readonly Flag[]): void {
    this.ring.clear();
    this.ids.clear();
    this.kindsByTrade.clear();
    this.add(flags);
  }

  /** Takes the flags, newest first, that it does not hold yet; returns whether there were any. */
  add(flags: readonly Flag[]): boolean {
    let added = false;
    for (let i = flags.length - 1; i >= 0; i--) {
      const flag = flags[i];
      if (!flag || typeof flag.id !== 'string' || typeof flag.trade?.id !== 'string' || this.ids.has(flag.id)) continue;
      const forgotten = this.ring.push(flag);
      if (forgotten) this.forget(forgotten);
      this.ids.add(flag.id);
      this.kindsByTrade.set(flag.trade.id, [...(this.kindsByTrade.get(flag.trade.id) ?? []), flag.kind]);
      added = true;
    }
    return added;
  }

  /** The newest `limit` flags, newest first. */
  newest(limit: number): Flag[] {
    const out: Flag[] = [];
    for (let i = 0; i < Math.min(limit, this.ring.size); i++) out.push(this.ring.newest(i) as Flag);
    return out;
  }

  /** What the trade was flagged for, if it was. */
  kindsOf(tradeId: string): readonly FlagKind[] | undefined {
    return this.kindsByTrade.get(tradeId);
  }

  private forget(flag: Flag): void {
    this.ids.delete(flag.id);
    const left = (this.kindsByTrade.get(flag.trade.id) ?? []).filter((kind) => kind !== flag.kind);
    if (left.length) this.kindsByTrade.set(flag.trade.id, left);
    else this.kindsByTrade.delete(flag.trade.id);
  }
}
