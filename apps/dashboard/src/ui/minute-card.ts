import type { PairFigures } from '@tradeflow/contract';
import type { Formats } from '../lib/format';
import { LastDrawn } from '../lib/last-drawn';
import { minuteView, type RateLine } from '../lib/minute-view';
import { pairOptions } from '../lib/pair-choice';
import { floorMinute } from '../lib/timeseries';
import { MinuteChart } from './charts';
import { element, setText } from './dom';

export interface MinuteCardElements {
  select: HTMLSelectElement;
  rate: HTMLElement;
  chart: HTMLElement;
  soldKey: HTMLElement;
  summary: HTMLElement;
}

/**
 * The card of one pair's last hour per minute: the pair select, the pair's rate line, the chart,
 * and below it the hour in a line, or the hovered minute's figures while the cursor is on one.
 */
export class MinuteCard {
  private readonly chart: MinuteChart;
  /** index.html lists no pair. */
  private readonly optionsDrawn = new LastDrawn<[string]>(['']);
  private readonly chartDrawn = new LastDrawn<[string | undefined, PairFigures | undefined, number]>();
  private hoveredMinute: string | undefined;
  private hourSummary = '';

  /** `onChoose`: the user picked a pair in the select ('' for the busiest). */
  constructor(
    private readonly elements: MinuteCardElements,
    private readonly formats: Formats,
    onChoose: (name: string) => void,
  ) {
    elements.select.addEventListener('change', () => onChoose(elements.select.value));
    this.chart = new MinuteChart(elements.chart, formats, (text) => {
      this.hoveredMinute = text;
      setText(elements.summary, this.hoveredMinute ?? this.hourSummary);
    });
  }

  /** Sets the select's value: a listed pair, or '' for the busiest. */
  select(value: string): void {
    this.elements.select.value = value;
  }

  /** Lists the pairs when they changed, selecting `selected`; names the busiest in any case. */
  renderOptions(pairs: ReadonlyMap<string, PairFigures>, selected: string): void {
    const { select } = this.elements;
    const options = pairOptions(pairs);
    if (this.optionsDrawn.changed(options.map((option) => option.value).join(','))) {
      select.replaceChildren(...options.map((option) => new Option(option.label, option.value)));
      select.value = selected;
    }
    const first = select.options[0];
    if (first) setText(first, options[0].label);
  }

  /** Draws the pair `name`'s last hour up to `now`, unless the pair, its figures and the minute are as last drawn. */
  renderMinutes(name: string | undefined, figures: PairFigures | undefined, now: number): void {
    if (!this.chartDrawn.changed(name, figures, floorMinute(now))) return;
    const view = minuteView(name, figures, now, this.formats);
    const { rate, soldKey, summary } = this.elements;
    this.chart.render(view.series, view.currency);
    setText(soldKey, view.soldKey);
    if (view.rate) rate.replaceChildren(...rateLine(view.rate));
    else setText(rate, 'Rate —');
    this.hourSummary = view.summary;
    if (!this.hoveredMinute) setText(summary, this.hourSummary);
  }
}

function rateLine(line: RateLine): (Node | string)[] {
  const last = element('b', undefined, line.last);
  const parts = [
    part(line.pair, last),
    ' ',
    part(line.min),
    ' ',
    part(line.max),
    ' ',
    part(line.at, undefined, 'muted'),
  ];
  if (!line.direction) return parts;
  const { arrow, change, span, title, trend } = line.direction;
  const direction = part(`${arrow} ${change} ${span}`, undefined, 'direction');
  direction.dataset['trend'] = trend;
  direction.dataset['testid'] = 'pair-direction';
  direction.title = title;
  return [...parts, ' ', direction];
}

/** One piece of the rate line, wrapped as a whole on a narrow screen. */
function part(text: string, child?: Node, className?: string): HTMLElement {
  const node = element('span', className);
  node.append(text);
  if (child) node.append(child);
  return node;
}
