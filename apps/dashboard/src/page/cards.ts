import type { Formats } from '../lib/format';
import { ConnectionBadge } from '../ui/connection-badge';
import { Counters } from '../ui/counters';
import { byId } from '../ui/dom';
import { FlagsPanel } from '../ui/flags-panel';
import { MinuteCard } from '../ui/minute-card';
import { PairBars } from '../ui/pair-bars';
import { ThroughputCard } from '../ui/throughput-card';
import { TradesTable } from '../ui/trades-table';
import { WorldMap } from '../ui/world-map';

/** The renderers of index.html's header badge and cards. */
export interface Cards {
  badge: ConnectionBadge;
  counters: Counters;
  throughput: ThroughputCard;
  minutes: MinuteCard;
  trades: TradesTable;
  flags: FlagsPanel;
  pairBars: PairBars;
  map: WorldMap;
}

export interface CardsOptions {
  formats: Formats;
  tradeRows: number;
  flagRows: number;
  pairRows: number;
  /** The user picked a pair, in the select or on the pair bars ('' for the busiest). */
  choosePair: (name: string) => void;
}

/** Each card's renderer on its elements of index.html. */
export function findCards({ formats, tradeRows, flagRows, pairRows, choosePair }: CardsOptions): Cards {
  return {
    badge: new ConnectionBadge(byId('connection'), byId('connection-text'), byId('connection-detail')),
    counters: new Counters(
      {
        total: byId('total-count'),
        accepted: byId('accepted-count'),
        refused: byId('refused-count'),
        acceptedRatio: byId('accepted-ratio'),
        refusedShare: byId('refused-share'),
        quarantined: byId('quarantined-count'),
      },
      formats,
    ),
    throughput: new ThroughputCard(byId('throughput'), byId('sparkline'), byId('throughput-peak'), formats),
    minutes: new MinuteCard(
      {
        select: byId<HTMLSelectElement>('pair-select'),
        rate: byId('pair-rate'),
        chart: byId('minute-chart'),
        soldKey: byId('sold-key'),
        summary: byId('minute-summary'),
      },
      formats,
      choosePair,
    ),
    trades: new TradesTable(byId<HTMLTableSectionElement>('trades'), byId('trades-empty'), tradeRows, formats),
    flags: new FlagsPanel(byId<HTMLOListElement>('flags'), byId('flags-empty'), flagRows, formats),
    pairBars: new PairBars(byId<HTMLOListElement>('pair-bars'), byId('pairs-empty'), pairRows, formats, choosePair),
    map: new WorldMap(byId('map'), byId('map-tooltip'), byId('map-legend'), byId('map-extra'), formats),
  };
}
