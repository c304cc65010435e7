// Rounds of a measurement, its sides taking turns (in the order given in even rounds, reversed in
// odd ones), so that drift over the run (page cache, stream size, thermal, the machine's other
// load) falls on every side alike. Two sides: system and baseline, the baseline first.
import { progress } from '../progress';

export interface Sides<T> {
  system: (round: number) => Promise<T>;
  baseline: (round: number) => Promise<T>;
}

/** The order of the sides in round `round` (from 0): as given in even rounds, reversed in odd ones. */
export function roundOrder<K>(sides: readonly K[], round: number): K[] {
  return round % 2 === 0 ? [...sides] : [...sides].reverse();
}

/** Runs every side once a round, `rounds` times, in turn; the results by side, in round order. */
export async function inTurn<K extends string, T>(
  label: string,
  rounds: number,
  sides: Record<K, (round: number) => Promise<T>>,
): Promise<Record<K, T[]>> {
  const names = Object.keys(sides) as K[];
  const results = Object.fromEntries(names.map((name) => [name, [] as T[]])) as Record<K, T[]>;
  for (let round = 0; round < rounds; round++) {
    for (const side of roundOrder(names, round)) {
      progress(`${label}: round ${round + 1}/${rounds}, ${side}`);
      results[side].push(await sides[side](round));
    }
  }
  return results;
}

export function alternate<T>(label: string, rounds: number, sides: Sides<T>): Promise<{ system: T[]; baseline: T[] }> {
  return inTurn(label, rounds, { baseline: sides.baseline, system: sides.system });
}
