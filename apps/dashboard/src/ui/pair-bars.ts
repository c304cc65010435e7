import type { PairFigures } from '@tradeflow/contract';
import { directionView } from '../lib/direction-view';
import { type Formats, pairLabel } from '../lib/format';
import { element, hiddenRows, setText } from './dom';

interface Row {
  li: HTMLLIElement;
  pair: HTMLSpanElement;
  name: HTMLSpanElement;
  direction: HTMLSpanElement;
  arrow: Text;
  change: HTMLSpanElement;
  count: HTMLSpanElement;
  sold: HTMLSpanElement;
  fill: HTMLSpanElement;
  shown: string | undefined;
}

/**
 * Volume per currency pair as a bar list: the busiest pairs (at most the rows made at the start),
 * a bar by trade count, the pair's direction over the hour, the count and the amount sold. Rows are reused; a click or Enter on one
 * picks that pair for the per-minute chart.
 */
export class PairBars {
  private readonly rows: Row[];

  constructor(
    list: HTMLOListElement,
    private readonly empty: HTMLElement,
    rowCount: number,
    private readonly formats: Formats,
    onPick: (name: string) => void,
  ) {
    this.rows = hiddenRows(list, 'li', rowCount, (li) => {
      li.tabIndex = 0;
      const pair = li.appendChild(element('span', 'pair'));
      const name = pair.appendChild(element('span'));
      const direction = pair.appendChild(element('span', 'direction'));
      const arrow = direction.appendChild(document.createTextNode(''));
      const change = direction.appendChild(element('span', 'change'));
      const count = li.appendChild(element('span', 'count'));
      const sold = li.appendChild(element('span', 'sold'));
      const track = li.appendChild(element('span', 'track'));
      const fill = track.appendChild(element('span', 'fill'));
      const row: Row = { li, pair, name, direction, arrow, change, count, sold, fill, shown: undefined };
      const pick = () => row.shown && onPick(row.shown);
      li.addEventListener('click', pick);
      li.addEventListener('keydown', (event) => {
        if (event.key === 'Enter' || event.key === ' ') {
          event.preventDefault();
          pick();
        }
      });
      return row;
    });
  }

  /** `pairs` busiest first, at most as many as there are rows. */
  render(pairs: readonly PairFigures[], selected: string | undefined, now: number): void {
    this.empty.hidden = pairs.length > 0;
    const max = pairs[0]?.count ?? 0;
    for (let i = 0; i < this.rows.length; i++) {
      const row = this.rows[i];
      const figures = pairs[i];
      if (!figures) {
        row.li.hidden = true;
        row.shown = undefined;
        continue;
      }
      const name = `${figures.from}-${figures.to}`;
      row.li.hidden = false;
      row.shown = name;
      row.li.dataset['pair'] = name;
      row.li.classList.toggle('selected', name === selected);
      setText(row.name, pairLabel(name));
      this.renderDirection(row, name, figures, now);
      setText(row.count, this.formats.count(figures.count));
      setText(row.sold, `${this.formats.amount(figures.sold)} ${figures.from}`);
      row.li.title = `${pairLabel(name)}: ${this.formats.count(figures.count)} trades, ${this.formats.amount(figures.sold)} ${figures.from} sold, ${this.formats.amount(figures.bought)} ${figures.to} bought`;
      const scale = max > 0 ? figures.count / max : 0;
      const transform = `scaleX(${scale.toFixed(4)})`;
      if (row.fill.style.transform !== transform) row.fill.style.transform = transform;
    }
  }

  private renderDirection(row: Row, name: string, figures: PairFigures, now: number): void {
    const view = directionView(name, figures.direction, now, this.formats);
    setText(row.arrow, view?.arrow ?? '');
    setText(row.change, view ? ` ${view.change}` : '');
    row.direction.title = view ? `${view.span}: ${view.title}` : '';
    if (view) row.direction.dataset['trend'] = view.trend;
    else delete row.direction.dataset['trend'];
  }
}
