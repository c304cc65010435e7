import { type Formats, NONE } from './format';

/** One second's sample of the rate: the sparkline's points. */
export interface RatePoint {
  at: number;
  rate: number;
}

/** The throughput card in words: the current rate and the last minute's peak. */
export interface ThroughputView {
  rate: string;
  peak: string;
}

/** `points`: the last minute's samples; the rate means nothing before the first snapshot. */
export function throughputView(
  loaded: boolean,
  rate: number,
  points: readonly RatePoint[],
  formats: Formats,
): ThroughputView {
  let peak = 0;
  for (const point of points) peak = Math.max(peak, point.rate);
  return {
    rate: loaded ? formats.perSecond(rate) : NONE,
    peak: `last 60 s · peak ${formats.perSecond(peak)}/s`,
  };
}
