import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { Formats } from '../lib/format';
import type { MinuteSeries } from '../lib/timeseries';
import { onResize } from './dom';

/** A colour defined in styles.css, so that the canvases match the page. */
const cssColour = (name: string): string =>
  getComputedStyle(document.documentElement).getPropertyValue(name).trim() || '#888';

const fromZero = (_u: uPlot, _min: number, max: number): [number, number] => [0, max > 0 ? max * 1.1 : 1];

const utc = (seconds: number): Date => uPlot.tzDate(new Date(seconds * 1000), 'Etc/UTC');
/** A tzDate's wall-clock time: its local fields are the zone's. */
const hhmm = (date: Date): string =>
  `${String(date.getHours()).padStart(2, '0')}:${String(date.getMinutes()).padStart(2, '0')}`;

/** Trades per second over the last minute: a small area chart, no axes, redrawn once a second. */
export class Sparkline {
  private readonly plot: uPlot;

  constructor(container: HTMLElement) {
    const colour = cssColour('--count');
    this.plot = new uPlot(
      {
        width: Math.max(container.clientWidth, 60),
        height: 44,
        padding: [4, 0, 2, 0],
        legend: { show: false },
        cursor: { show: false },
        select: { show: false, left: 0, top: 0, width: 0, height: 0 },
        scales: { x: { time: false }, y: { range: fromZero } },
        axes: [{ show: false }, { show: false }],
        series: [{}, { stroke: colour, width: 1.5, fill: `${colour}33`, points: { show: false } }],
      },
      [[], []],
      container,
    );
    onResize(container, (width) => this.plot.setSize({ width, height: 44 }));
  }

  render(points: readonly { at: number; rate: number }[]): void {
    this.plot.setData([points.map((point) => point.at / 1000), points.map((point) => point.rate)]);
  }
}

/**
 * The chosen pair's last hour, a column a minute: trades as bars on the left axis, amount sold as
 * a line on the right one, times in UTC. Hovering a minute shows its figures in `readout`.
 */
export class MinuteChart {
  private readonly plot: uPlot;
  private currency = '';

  constructor(
    container: HTMLElement,
    private readonly formats: Formats,
    readout: (text: string | undefined) => void,
  ) {
    const count = cssColour('--count');
    const sold = cssColour('--sold');
    const muted = cssColour('--muted');
    const grid = cssColour('--grid');
    const axis = (scale: string, side: 0 | 1 | 2 | 3, stroke: string): uPlot.Axis => ({
      scale,
      side,
      stroke,
      grid: { show: side !== 1, stroke: grid, width: 1 },
      ticks: { stroke: grid, width: 1, size: 4 },
      font: '12px system-ui, sans-serif',
      size: 48,
      values: (_u, splits) => splits.map((value) => this.formats.compact(value)),
    });
    const bars = uPlot.paths.bars?.({ size: [0.75, 24] });
    this.plot = new uPlot(
      {
        width: Math.max(container.clientWidth, 200),
        height: Math.max(container.clientHeight, 160),
        padding: [8, 4, 0, 0],
        tzDate: (seconds) => utc(seconds),
        legend: { show: false },
        cursor: { drag: { x: false, y: false }, points: { show: false }, y: false },
        select: { show: false, left: 0, top: 0, width: 0, height: 0 },
        scales: { x: { time: true }, count: { range: fromZero }, sold: { range: fromZero } },
        axes: [
          {
            stroke: muted,
            grid: { show: false },
            ticks: { stroke: grid, width: 1, size: 4 },
            font: '12px system-ui, sans-serif',
            space: 56,
            // 24-hour UTC, like every time on the page.
            values: (_u, splits) => splits.map((seconds) => hhmm(utc(seconds))),
          },
          axis('count', 3, count),
          axis('sold', 1, sold),
        ],
        series: [
          {},
          {
            label: 'trades',
            scale: 'count',
            fill: `${count}cc`,
            stroke: count,
            width: 0,
            paths: bars,
            points: { show: false },
          },
          { label: 'sold', scale: 'sold', stroke: sold, width: 2, points: { show: false } },
        ],
        hooks: {
          setCursor: [
            (u) => {
              const index = u.cursor.idx;
              if (index === null || index === undefined) return readout(undefined);
              const trades = u.data[1][index] ?? 0;
              const amount = u.data[2][index] ?? 0;
              readout(
                `${hhmm(utc(u.data[0][index]))} UTC · ${this.formats.count(trades)} trades · ${this.formats.amount(amount)} ${this.currency}`,
              );
            },
          ],
        },
      },
      [[], [], []],
      container,
    );
    onResize(container, (width, height) => this.plot.setSize({ width, height: Math.max(height, 120) }));
  }

  render(series: MinuteSeries, currency: string): void {
    this.currency = currency;
    this.plot.setData([series.times, series.counts, series.sold]);
  }
}
