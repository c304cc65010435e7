import type { Changes } from './state';

/** Why the page wants a frame, besides the state's own changes. */
export type FrameReason =
  /** The once-a-second tick: the throughput sample, a reconnect's countdown, the minute roll-over. */
  'clockTicked' | 'statusChanged' | 'pairChosen';

/** What a frame redraws. */
export interface Redraw {
  totals: boolean;
  /** The trades list, for new trades or for the flags that mark them. */
  trades: boolean;
  flags: boolean;
  /** The pair bars and the pair select. */
  pairs: boolean;
  /** The per-minute chart and its lines, when their pair, its figures or the minute moved. */
  minutes: boolean;
  map: boolean;
  /** The countries the map recolours: some, or all of them. */
  countries: ReadonlySet<string> | 'all';
  throughput: boolean;
  status: boolean;
}

/** The first frame: everything. */
export const REDRAW_ALL: Readonly<Redraw> = Object.freeze({
  totals: true,
  trades: true,
  flags: true,
  pairs: true,
  minutes: true,
  map: true,
  countries: 'all',
  throughput: true,
  status: true,
});

/** The parts of the page that the state's changes and the frame's reasons touch, and only those. */
export function redrawOf(changes: Changes, reasons: ReadonlySet<FrameReason>): Redraw {
  const ticked = reasons.has('clockTicked');
  const pairs = changes.pairs || reasons.has('pairChosen');
  return {
    totals: changes.total || changes.refused || changes.quarantined || changes.snapshot,
    trades: changes.trades || changes.flags,
    flags: changes.flags,
    pairs,
    minutes: pairs || ticked,
    map: changes.countries === 'all' || changes.countries.size > 0,
    countries: changes.countries,
    throughput: ticked,
    status: ticked || reasons.has('statusChanged') || changes.health,
  };
}
