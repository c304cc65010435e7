// Figures and trades as the server sends them, for the specs.
import {
  type CountryFigures,
  EXAMPLE_TRADE,
  type OffMarketFlag,
  type PairFigures,
  type SnapshotMessage,
  type SummaryMessage,
  type Trade,
  type VelocityFlag,
} from '@tradeflow/contract';

export function pair(
  name: string,
  count: number,
  sold = String(count * 1000),
  extra: Partial<PairFigures> = {},
): PairFigures {
  const [from, to] = name.split('-');
  return {
    from,
    to,
    count,
    sold,
    bought: sold,
    rate: { last: 0.75, min: 0.7, max: 0.8 },
    lastAt: '2026-01-01T10:00:00.000Z',
    minutes: [],
    hours: [],
    ...extra,
  };
}

export function country(
  code: string,
  count: number,
  sold: Record<string, string> = { EUR: String(count) },
): CountryFigures {
  return { country: code, count, sold };
}

let sequence = 0;
export function trade(overrides: Partial<Trade> = {}): Trade {
  sequence++;
  return {
    ...EXAMPLE_TRADE,
    id: `t-${sequence}`,
    userId: `user-${sequence}`,
    timePlacedIso: '2018-01-24T10:27:44.000Z',
    receivedAt: '2026-01-01T10:00:00.000Z',
    ...overrides,
  };
}

export function snapshot(
  total: number,
  pairs: PairFigures[] = [],
  countries: CountryFigures[] = [],
  refused?: number,
  latest: Trade[] = [],
): SnapshotMessage {
  return {
    event: 'snapshot',
    data: {
      total,
      ...(refused === undefined ? {} : { refused }),
      pairs: Object.fromEntries(pairs.map((figures) => [`${figures.from}-${figures.to}`, figures])),
      countries: Object.fromEntries(countries.map((figures) => [figures.country, figures])),
      flags: [],
      latest,
    },
  };
}

export function summary(
  total: number,
  latest: Trade[] = [],
  pairs: PairFigures[] = [],
  countries: CountryFigures[] = [],
  refused?: number,
): SummaryMessage {
  return {
    event: 'summary',
    data: {
      ...snapshot(total, pairs, countries, refused).data,
      count: latest.length,
      latest,
    },
  };
}

/** A flag of `flagged` as the fold raises it. */
export function offMarketFlag(flagged: Trade, reference = 0.75, deviationPercent = 6.2): OffMarketFlag {
  return {
    id: `off-market:${flagged.id}`,
    kind: 'off-market',
    seq: 1,
    trade: flagged,
    reference,
    deviationPercent,
    window: 50,
  };
}

export function velocityFlag(flagged: Trade, trades = 21, sold: Record<string, string> = {}): VelocityFlag {
  const start = flagged.receivedAt;
  const end = new Date(Date.parse(start) + 60_000).toISOString();
  return {
    id: `velocity:${flagged.id}`,
    kind: 'velocity',
    seq: 1,
    trade: flagged,
    window: { start, end },
    trades,
    sold,
    exceeded: [`${trades} trades > 20`],
  };
}
