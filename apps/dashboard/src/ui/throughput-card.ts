import type { Formats } from '../lib/format';
import { type RatePoint, throughputView } from '../lib/throughput-view';
import { Sparkline } from './charts';
import { setText } from './dom';

/** The throughput card: trades per second now, the last minute as a sparkline, and its peak. */
export class ThroughputCard {
  private readonly sparkline: Sparkline;

  constructor(
    private readonly rate: HTMLElement,
    sparkline: HTMLElement,
    private readonly peak: HTMLElement,
    private readonly formats: Formats,
  ) {
    this.sparkline = new Sparkline(sparkline);
  }

  /** `points`: the last minute's samples, oldest first; `rate`: the newest. */
  render(loaded: boolean, rate: number, points: readonly RatePoint[]): void {
    const view = throughputView(loaded, rate, points, this.formats);
    setText(this.rate, view.rate);
    this.sparkline.render(points);
    setText(this.peak, view.peak);
  }
}
