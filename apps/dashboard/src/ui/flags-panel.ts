import type { Flag } from '@tradeflow/contract';
import { flagView } from '../lib/flag-view';
import type { Formats } from '../lib/format';
import { element, hiddenRows, setText } from './dom';

interface Row {
  li: HTMLLIElement;
  kind: HTMLSpanElement;
  subject: HTMLSpanElement;
  time: HTMLSpanElement;
  figures: HTMLSpanElement;
  id: string | undefined;
}

/** The newest flags, newest first, in a fixed number of rows created once and then rewritten. */
export class FlagsPanel {
  private readonly rows: Row[];

  constructor(
    list: HTMLOListElement,
    private readonly empty: HTMLElement,
    rowCount: number,
    private readonly formats: Formats,
  ) {
    this.rows = hiddenRows(list, 'li', rowCount, (li) => ({
      li,
      kind: li.appendChild(element('span', 'kind')),
      subject: li.appendChild(element('span', 'subject')),
      time: li.appendChild(element('span', 'time')),
      figures: li.appendChild(element('span', 'figures')),
      id: undefined,
    }));
  }

  /** `flags` newest first; rows beyond them are hidden. */
  render(flags: readonly Flag[], now: number): void {
    this.empty.hidden = flags.length > 0;
    for (let i = 0; i < this.rows.length; i++) {
      const row = this.rows[i];
      const flag = flags[i];
      if (!flag) {
        row.li.hidden = true;
        row.id = undefined;
        continue;
      }
      row.li.hidden = false;
      const view = flagView(flag, now, this.formats);
      // The time's day part depends on today, so it is rewritten even for the same flag.
      setText(row.time, view.time);
      if (row.id === flag.id) continue;
      row.id = flag.id;
      row.li.dataset['id'] = flag.id;
      row.li.dataset['kind'] = view.kind;
      row.li.dataset['trade'] = flag.trade.id;
      row.li.title = view.title;
      setText(row.kind, view.label);
      setText(row.subject, view.subject);
      setText(row.figures, view.figures);
    }
  }
}
