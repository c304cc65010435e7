import type { Flag, FlagKind, OffMarketFlag, VelocityFlag } from '@tradeflow/contract';
import { type Formats, pairLabel, utcTime } from './format';

/** A row of the flags panel. */
export interface FlagView {
  kind: FlagKind;
  /** "Off-market", "Velocity". */
  label: string;
  /** The pair ("EUR → USD"), or the user ("user 500000"). */
  subject: string;
  /** What made it stand out: the rate against the reference, or the user's trades in the window. */
  figures: string;
  /** When the trade was received, as the trades list shows times. */
  time: string;
  /** All of it, for the tooltip. */
  title: string;
}

export const FLAG_LABELS: Readonly<Record<FlagKind, string>> = { 'off-market': 'Off-market', velocity: 'Velocity' };

export function flagView(flag: Flag, now: number, formats: Formats): FlagView {
  const time = utcTime(flag.trade.receivedAt, now);
  return flag.kind === 'off-market' ? offMarketView(flag, time, formats) : velocityView(flag, time, formats);
}

function offMarketView(flag: OffMarketFlag, time: string, formats: Formats): FlagView {
  const { trade, reference, deviationPercent, window } = flag;
  const pair = pairLabel(`${trade.currencyFrom}-${trade.currencyTo}`);
  const deviation = formats.signedPercent(trade.rate < reference ? -deviationPercent : deviationPercent);
  return {
    kind: 'off-market',
    label: FLAG_LABELS['off-market'],
    subject: pair,
    figures: `${formats.rate(trade.rate)} vs ${formats.rate(reference)} · ${deviation}`,
    time,
    title:
      `${pair} at ${formats.rate(trade.rate)}, ${deviation} from ${formats.rate(reference)}, the median of the ` +
      `pair's previous ${formats.count(window)} rates in its partition; user ${trade.userId}, received ${trade.receivedAt}`,
  };
}

function velocityView(flag: VelocityFlag, time: string, formats: Formats): FlagView {
  const { trade, window, trades, sold, exceeded } = flag;
  const seconds = Math.round((Date.parse(window.end) - Date.parse(window.start)) / 1000);
  const amounts = Object.entries(sold).map(([currency, amount]) => `${formats.amount(amount)} ${currency}`);
  return {
    kind: 'velocity',
    label: FLAG_LABELS.velocity,
    subject: `user ${trade.userId}`,
    figures: [`${formats.count(trades)} trades`, ...amounts].join(' · ') + ` in ${formats.count(seconds)} s`,
    time,
    title: `user ${trade.userId} went over ${exceeded.join(', ')} between ${window.start} and ${window.end}`,
  };
}
