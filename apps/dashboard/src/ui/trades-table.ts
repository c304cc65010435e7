import type { FlagKind, Trade } from '@tradeflow/contract';
import { FLAG_LABELS } from '../lib/flag-view';
import { type Formats, pairLabel, utcTime } from '../lib/format';
import { element, hiddenRows, setText } from './dom';

interface Row {
  tr: HTMLTableRowElement;
  placed: HTMLTableCellElement;
  user: HTMLTableCellElement;
  pair: HTMLTableCellElement;
  sold: Text;
  soldCcy: HTMLSpanElement;
  bought: Text;
  boughtCcy: HTMLSpanElement;
  rate: HTMLTableCellElement;
  country: HTMLTableCellElement;
  id: string | undefined;
  /** The kinds it is marked with, as drawn. */
  flags: string;
}

/** What a trade was flagged for, if it was. */
export type FlagsOf = (tradeId: string) => readonly FlagKind[] | undefined;

/**
 * The latest trades, newest first, in a fixed number of rows created once and then rewritten. A
 * flagged trade's row is marked, whether its flag came before or after it.
 */
export class TradesTable {
  private readonly rows: Row[];

  constructor(
    body: HTMLTableSectionElement,
    private readonly empty: HTMLElement,
    rowCount: number,
    private readonly formats: Formats,
  ) {
    this.rows = hiddenRows(body, 'tr', rowCount, (tr) => {
      const cell = (className?: string) => tr.appendChild(element('td', className));
      const placed = cell();
      const user = cell('user');
      const pair = cell();
      const soldCell = cell('num');
      const boughtCell = cell('num col-bought');
      const rate = cell('num');
      const country = cell();
      const sold = soldCell.appendChild(document.createTextNode(''));
      const soldCcy = soldCell.appendChild(element('span', 'ccy'));
      const bought = boughtCell.appendChild(document.createTextNode(''));
      const boughtCcy = boughtCell.appendChild(element('span', 'ccy'));
      return {
        tr,
        placed,
        user,
        pair,
        sold,
        soldCcy,
        bought,
        boughtCcy,
        rate,
        country,
        id: undefined,
        flags: '',
      };
    });
  }

  /** `trades` newest first; rows beyond them are hidden. */
  render(trades: readonly Trade[], now: number, flagsOf: FlagsOf): void {
    this.empty.hidden = trades.length > 0;
    for (let i = 0; i < this.rows.length; i++) {
      const row = this.rows[i];
      const trade = trades[i];
      if (!trade) {
        row.tr.hidden = true;
        row.id = undefined;
        continue;
      }
      row.tr.hidden = false;
      // The placed time's day part depends on today, so it is rewritten even for the same trade.
      setText(row.placed, utcTime(trade.timePlacedIso, now));
      this.mark(row, flagsOf(trade.id));
      if (row.id === trade.id) continue;
      row.id = trade.id;
      row.tr.dataset['id'] = trade.id;
      row.placed.title = `placed ${trade.timePlacedIso}, received ${trade.receivedAt}`;
      setText(row.user, trade.userId);
      row.user.title = trade.userId;
      setText(row.pair, pairLabel(`${trade.currencyFrom}-${trade.currencyTo}`));
      setText(row.sold, this.formats.amount(trade.amountSell));
      setText(row.soldCcy, trade.currencyFrom);
      setText(row.bought, this.formats.amount(trade.amountBuy));
      setText(row.boughtCcy, trade.currencyTo);
      setText(row.rate, this.formats.rate(trade.rate));
      setText(row.country, trade.originatingCountry);
      row.country.title = this.formats.countryName(trade.originatingCountry);
    }
  }

  private mark(row: Row, kinds: readonly FlagKind[] | undefined): void {
    const flags = kinds?.join(' ') ?? '';
    if (row.flags === flags) return;
    row.flags = flags;
    row.tr.classList.toggle('flagged', flags !== '');
    if (flags) row.tr.dataset['flags'] = flags;
    else delete row.tr.dataset['flags'];
    row.pair.title = kinds ? `flagged: ${kinds.map((kind) => FLAG_LABELS[kind].toLowerCase()).join(', ')}` : '';
  }
}
