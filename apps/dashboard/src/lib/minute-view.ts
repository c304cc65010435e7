import type { PairFigures } from '@tradeflow/contract';
import { type DirectionView, directionView } from './direction-view';
import { type Formats, pairLabel, utcTime } from './format';
import { lastMinutes, type MinuteSeries } from './timeseries';

/** The shown pair's rate line, each piece wrapped as a whole on a narrow screen. */
export interface RateLine {
  /** "EUR → GBP rate ", followed by `last` in bold. */
  pair: string;
  last: string;
  min: string;
  max: string;
  at: string;
  /** Where the pair went over the hour, once its figures span two minutes. */
  direction?: DirectionView;
}

/** The per-minute card for the shown pair, or for none yet. */
export interface MinuteView {
  series: MinuteSeries;
  /** The currency sold, for the chart's readout; empty without a pair. */
  currency: string;
  soldKey: string;
  /** Undefined without a pair: the line says "Rate —". */
  rate: RateLine | undefined;
  /** The hour in a line, shown below the chart while no minute is hovered. */
  summary: string;
}

/** The last hour up to `now` of the pair `name`, whose figures are `figures`. */
export function minuteView(
  name: string | undefined,
  figures: PairFigures | undefined,
  now: number,
  formats: Formats,
): MinuteView {
  const series = lastMinutes(figures?.minutes ?? [], now);
  if (name === undefined || !figures) {
    return { series, currency: '', soldKey: 'amount sold / min', rate: undefined, summary: 'no trades yet' };
  }
  return {
    series,
    currency: figures.from,
    soldKey: `${figures.from} sold / min`,
    rate: {
      pair: `${pairLabel(name)} rate `,
      last: formats.rate(figures.rate.last),
      min: `min ${formats.rate(figures.rate.min)}`,
      max: `max ${formats.rate(figures.rate.max)}`,
      at: `at ${utcTime(figures.lastAt, now)} UTC`,
      direction: directionView(name, figures.direction, now, formats),
    },
    summary: `last hour: ${formats.count(series.totalCount)} trades · ${formats.amount(series.totalSold)} ${figures.from}`,
  };
}
