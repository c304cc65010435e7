import type { PairFigures } from '@tradeflow/contract';
import { pairLabel } from './format';
import { busiestPair } from './state';

type Pairs = ReadonlyMap<string, PairFigures>;

/** An option of the pair select: '' stands for the busiest pair. */
export interface PairOption {
  value: string;
  label: string;
}

/**
 * The pair the user picked for the per-minute chart, in the select or on the pair bars. Until
 * then, or while the picked pair is not in the figures (a snapshot without it), the chart shows
 * the busiest pair.
 */
export class PairChoice {
  private chosen = '';

  /** `name`: a pair, or '' for the busiest. */
  choose(name: string): void {
    this.chosen = name;
  }

  /** The pair the chart shows, undefined while there is none. */
  shown(pairs: Pairs): string | undefined {
    return this.chosen && pairs.has(this.chosen) ? this.chosen : busiestPair(pairs);
  }

  /** The select's value: the chosen pair while it exists, else '' (the busiest). */
  selectValue(pairs: Pairs): string {
    return pairs.has(this.chosen) ? this.chosen : '';
  }
}

/** The select's options: the busiest pair (named once there is one), then every pair by name. */
export function pairOptions(pairs: Pairs): PairOption[] {
  const busiest = busiestPair(pairs);
  const options = [{ value: '', label: busiest ? `Busiest: ${pairLabel(busiest)}` : 'Busiest pair' }];
  for (const name of [...pairs.keys()].sort()) options.push({ value: name, label: pairLabel(name) });
  return options;
}
