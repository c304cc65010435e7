import type { ServerMessage } from '@tradeflow/contract';
import { LiveConnection } from '../lib/connection';
import { Formats } from '../lib/format';
import { FrameScheduler } from '../lib/frame-scheduler';
import { PairChoice } from '../lib/pair-choice';
import { type FrameReason, REDRAW_ALL, type Redraw, redrawOf } from '../lib/redraw';
import { socketUrl } from '../lib/socket-url';
import { DashboardState, topPairs } from '../lib/state';
import { statusView } from '../lib/status';
import { ThroughputMeter } from '../lib/throughput';
import { byId } from '../ui/dom';
import { type Cards, findCards } from './cards';

const TRADE_ROWS = 25;
const FLAG_ROWS = 8;
const PAIR_ROWS = 10;

/**
 * The page: /ws messages fold into DashboardState as they arrive (cheap), and the DOM and the
 * canvases are redrawn at most once an animation frame, only the parts that changed, each card by
 * its renderer. A timer samples the throughput once a second and rolls the per-minute chart over
 * at each minute.
 */
export class DashboardPage {
  private readonly formats = new Formats(navigator.languages?.[0] ?? navigator.language ?? 'en-US');
  private readonly state = new DashboardState(TRADE_ROWS);
  private readonly meter = new ThroughputMeter();
  private readonly pairChoice = new PairChoice();
  private readonly frames = new FrameScheduler(
    (callback) => requestAnimationFrame(callback),
    (reasons) => this.drawFrame(reasons),
  );
  private readonly live = new LiveConnection(
    socketUrl(location),
    {
      message: (message, first) => this.receive(message, first),
      // Drawn with the figures it announces, in the same frame.
      status: () => this.frames.request('statusChanged'),
    },
    {
      createSocket: (url) => new WebSocket(url),
      setTimeout: (callback, ms) => window.setTimeout(callback, ms),
      clearTimeout: (handle) => window.clearTimeout(handle as number),
      now: () => Date.now(),
      random: Math.random,
    },
  );
  private readonly cards: Cards = findCards({
    formats: this.formats,
    tradeRows: TRADE_ROWS,
    flagRows: FLAG_ROWS,
    pairRows: PAIR_ROWS,
    choosePair: (name) => this.choosePair(name),
  });

  /** Draws the page as it stands, connects, and from then on keeps it current. */
  start(): void {
    // The first sample, now, starts the count: trades that arrive before the first tick are counted too.
    this.meter.sample(performance.now());
    window.setInterval(() => this.tick(), 1000);
    window.addEventListener('online', () => this.live.retryNow());
    this.draw(REDRAW_ALL);
    this.live.start();
    this.cards.map.load().catch((error: unknown) => {
      byId('map').textContent = 'The map could not be loaded.';
      console.warn('map', error);
    });
  }

  private receive(message: ServerMessage, first: boolean): void {
    this.state.apply(message);
    // A new connection's snapshot includes what happened while away: not throughput.
    if (first) this.meter.rebase(this.state.total);
    else this.meter.observe(this.state.total);
    this.frames.request();
  }

  /** Once a second: the throughput sample, the countdown of a reconnect, the minute roll-over. */
  private tick(): void {
    this.meter.sample(performance.now());
    this.frames.request('clockTicked');
  }

  private choosePair(name: string): void {
    this.pairChoice.choose(name);
    this.cards.minutes.select(this.pairChoice.selectValue(this.state.pairs));
    this.frames.request('pairChosen');
  }

  /** Everything the messages since the last frame changed, at once. */
  private drawFrame(reasons: ReadonlySet<FrameReason>): void {
    this.draw(redrawOf(this.state.takeChanges(), reasons));
  }

  private draw(redraw: Redraw): void {
    const { state, cards } = this;
    const now = Date.now();
    const shown = this.pairChoice.shown(state.pairs);
    const shownFigures = shown === undefined ? undefined : state.pairs.get(shown);
    if (redraw.totals) cards.counters.render(state);
    if (redraw.trades) cards.trades.render(state.latestTrades(), now, (id) => state.flags.kindsOf(id));
    if (redraw.flags) cards.flags.render(state.flags.newest(FLAG_ROWS), now);
    if (redraw.pairs) {
      cards.pairBars.render(topPairs(state.pairs, PAIR_ROWS), shown, now);
      cards.minutes.renderOptions(state.pairs, this.pairChoice.selectValue(state.pairs));
    }
    if (redraw.minutes) cards.minutes.renderMinutes(shown, shownFigures, now);
    if (redraw.map) cards.map.render(state.countries, redraw.countries);
    if (redraw.throughput) cards.throughput.render(state.loaded, this.meter.rate, this.meter.history.toArray());
    if (redraw.status) cards.badge.render(statusView(this.live.status, state.health, now));
  }
}
