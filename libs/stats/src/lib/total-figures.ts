import { STATS_KEYS } from './keys';
import type { FigureKind } from './figure-kind';
import type { TotalFigures } from './model';

const combine = (a: TotalFigures, b: TotalFigures): TotalFigures => ({ total: a.total + b.total });

export const TOTAL: FigureKind<TotalFigures> = {
  keyOf: () => STATS_KEYS.total,
  ofTrades: (trades) => ({ total: trades.length }),
  append: combine,
  merge: combine,
};
