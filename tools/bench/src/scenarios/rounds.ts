// Rounds of a measurement, system and baseline alternating (the baseline first in even rounds),
// so that drift over the run (page cache, stream size, thermal) falls on both sides alike.
import { progress } from '../progress';

export interface Sides<T> {
  system: (round: number) => Promise<T>;
  baseline: (round: number) => Promise<T>;
}

export async function alternate<T>(label: string, rounds: number, sides: Sides<T>): Promise<{ system: T[]; baseline: T[] }> {
  const system: T[] = [];
  const baseline: T[] = [];
  for (let round = 0; round < rounds; round++) {
    const order = round % 2 === 0 ? (['baseline', 'system'] as const) : (['system', 'baseline'] as const);
    for (const side of order) {
      progress(`${label}: round ${round + 1}/${rounds}, ${side}`);
      (side === 'system' ? system : baseline).push(await sides[side](round));
    }
  }
  return { system, baseline };
}
