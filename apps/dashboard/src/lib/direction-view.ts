import type { PairDirection } from '@tradeflow/contract';
import { type Formats, pairLabel, utcTime } from './format';

/** Where a pair is going, as the page shows it beside the pair. */
export interface DirectionView {
  trend: 'up' | 'down' | 'flat';
  /** "▲", "▼" or "▶". */
  arrow: string;
  /** The change in percent: "+0.42%". */
  change: string;
  /** How long the change is over: "in 59 min". */
  span: string;
  /** What it is measured on, for the tooltip. */
  title: string;
}

const ARROWS = { up: '▲', down: '▼', flat: '▶' } as const;
/** Less than this, in percent, shows as no change: the text has two decimals. */
const FLAT_BELOW = 0.005;

/** The direction of pair `name`, or undefined when its figures have none (a minute of trades or less). */
export function directionView(
  name: string,
  direction: PairDirection | undefined,
  now: number,
  formats: Formats,
): DirectionView | undefined {
  if (!direction) return undefined;
  const { latest, earliest, changePercent } = direction;
  const trend = Math.abs(changePercent) < FLAT_BELOW ? 'flat' : changePercent > 0 ? 'up' : 'down';
  const minutes = Math.round((Date.parse(latest.start) - Date.parse(earliest.start)) / 60_000);
  const span = minutes >= 60 ? 'in 1 h' : `in ${minutes} min`;
  return {
    trend,
    arrow: ARROWS[trend],
    change: formats.signedPercent(trend === 'flat' ? 0 : changePercent),
    span,
    title:
      `${pairLabel(name)}: ${formats.rate(latest.rate)} in the minute of ${utcTime(latest.start, now)} UTC ` +
      `against ${formats.rate(earliest.rate)} in that of ${utcTime(earliest.start, now)} UTC (volume-weighted rates)`,
  };
}
