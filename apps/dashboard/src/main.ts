import type { PairFigures, ServerMessage } from '@tradeflow/contract';
import './styles.css';
import { type ConnectionStatus, LiveConnection } from './lib/connection';
import { Formats, NONE, pairLabel, utcTime } from './lib/format';
import { busiestPair, DashboardState, topPairs } from './lib/state';
import { statusView } from './lib/status';
import { ThroughputMeter } from './lib/throughput';
import { floorMinute, lastMinutes } from './lib/timeseries';
import { MinuteChart, Sparkline } from './ui/charts';
import { byId, setText } from './ui/dom';
import { PairBars } from './ui/pair-bars';
import { TradesTable } from './ui/trades-table';
import { WorldMap } from './ui/world-map';

// The page: /ws messages fold into DashboardState as they arrive (cheap), and the DOM and the
// canvases are redrawn at most once an animation frame, only the parts that changed. A timer
// samples the throughput once a second and rolls the per-minute chart over at each minute.

const TRADE_ROWS = 25;
const PAIR_ROWS = 10;

const formats = new Formats(navigator.languages?.[0] ?? navigator.language ?? 'en-US');
const state = new DashboardState(TRADE_ROWS);
const meter = new ThroughputMeter();

const totalCount = byId('total-count');
const acceptedCount = byId('accepted-count');
const refusedCount = byId('refused-count');
const acceptedRatio = byId('accepted-ratio');
const refusedShare = byId('refused-share');
const quarantinedCount = byId('quarantined-count');
const throughput = byId('throughput');
const throughputPeak = byId('throughput-peak');
const connection = byId('connection');
const connectionText = byId('connection-text');
const connectionDetail = byId('connection-detail');
const pairSelect = byId<HTMLSelectElement>('pair-select');
const pairRate = byId('pair-rate');
const minuteSummary = byId('minute-summary');
const soldKey = byId('sold-key');

const sparkline = new Sparkline(byId('sparkline'));
let cursorReadout: string | undefined;
let windowSummary = '';
const minuteChart = new MinuteChart(byId('minute-chart'), formats, (text) => {
  cursorReadout = text;
  setText(minuteSummary, cursorReadout ?? windowSummary);
});
const trades = new TradesTable(byId<HTMLTableSectionElement>('trades'), byId('trades-empty'), TRADE_ROWS, formats);
const pairBars = new PairBars(byId<HTMLOListElement>('pair-bars'), byId('pairs-empty'), PAIR_ROWS, formats, (name) =>
  choosePair(name),
);
const worldMap = new WorldMap(byId('map'), byId('map-tooltip'), byId('map-legend'), byId('map-extra'), formats);

/** The pair the user picked; empty: the busiest. */
let chosenPair = '';
/** What the per-minute chart last drew: redrawn when any of it moves. */
let drawn: { name: string | undefined; figures: PairFigures | undefined; minute: number } = {
  name: undefined,
  figures: undefined,
  minute: 0,
};
let pairOptionsKey = '';
let status: ConnectionStatus = { state: 'connecting' };

// What the next frame has to redraw besides the state's own changes.
let clockTicked = false;
let statusChanged = false;
let pairChosen = false;
let frameRequested = false;

function requestFrame(): void {
  if (frameRequested) return;
  frameRequested = true;
  requestAnimationFrame(drawFrame);
}

function onMessage(message: ServerMessage, first: boolean): void {
  state.apply(message);
  // A new connection's snapshot includes what happened while away: not throughput.
  if (first) meter.rebase(state.total);
  else meter.observe(state.total);
  requestFrame();
}

function drawFrame(): void {
  frameRequested = false;
  const now = Date.now();
  // Everything the messages since the last frame changed, at once.
  const changes = state.takeChanges();
  if (changes.total || changes.refused || changes.quarantined || changes.snapshot) drawTotals();
  if (changes.trades) trades.render(state.latestTrades(), now);
  if (changes.pairs || pairChosen) drawPairs();
  if (changes.pairs || pairChosen || clockTicked) drawMinutes(now);
  if (changes.countries === 'all' || changes.countries.size > 0) {
    worldMap.render(state.countries, changes.countries);
  }
  if (clockTicked) drawThroughput();
  if (clockTicked || statusChanged || changes.health) drawStatus();
  clockTicked = pairChosen = statusChanged = false;
}

function drawTotals(): void {
  const loaded = state.loaded;
  setText(totalCount, loaded ? formats.count(state.total) : NONE);
  setText(acceptedCount, loaded ? formats.count(state.total) : NONE);
  setText(refusedCount, formats.count(state.refused));
  const known = loaded && state.refused !== undefined;
  const all = state.total + (state.refused ?? 0);
  acceptedRatio.parentElement?.classList.toggle('unknown', !known || all === 0);
  acceptedRatio.style.transform = `scaleX(${known && all > 0 ? (state.total / all).toFixed(4) : 1})`;
  setText(refusedShare, `refused share ${known ? formats.share(state.refused, all) : NONE}`);
  setText(quarantinedCount, `${state.quarantined === undefined ? NONE : formats.count(state.quarantined)} quarantined`);
}

function drawThroughput(): void {
  setText(throughput, state.loaded ? formats.perSecond(meter.rate) : NONE);
  const points = meter.history.toArray();
  sparkline.render(points);
  let peak = 0;
  for (const point of points) peak = Math.max(peak, point.rate);
  setText(throughputPeak, `last 60 s · peak ${formats.perSecond(peak)}/s`);
}

/** The pair the per-minute chart shows: the chosen one while it exists, else the busiest. */
function shownPair(): string | undefined {
  return chosenPair && state.pairs.has(chosenPair) ? chosenPair : busiestPair(state.pairs);
}

function drawPairs(): void {
  const shown = shownPair();
  pairBars.render(topPairs(state.pairs, PAIR_ROWS), shown);
  const names = [...state.pairs.keys()].sort();
  const key = names.join(',');
  if (key !== pairOptionsKey) {
    pairOptionsKey = key;
    const options = [new Option('Busiest pair', '')];
    for (const name of names) options.push(new Option(pairLabel(name), name));
    pairSelect.replaceChildren(...options);
    pairSelect.value = state.pairs.has(chosenPair) ? chosenPair : '';
  }
  const busiest = busiestPair(state.pairs);
  const first = pairSelect.options[0];
  if (first) setText(first, busiest ? `Busiest: ${pairLabel(busiest)}` : 'Busiest pair');
}

function drawMinutes(now: number): void {
  const name = shownPair();
  const figures = name ? state.pairs.get(name) : undefined;
  const minute = floorMinute(now);
  if (drawn.name === name && drawn.figures === figures && drawn.minute === minute) return;
  drawn = { name, figures, minute };
  const series = lastMinutes(figures?.minutes ?? [], now);
  minuteChart.render(series, figures?.from ?? '');
  setText(soldKey, figures ? `${figures.from} sold / min` : 'amount sold / min');
  if (!figures) {
    setText(pairRate, 'Rate —');
    windowSummary = 'no trades yet';
  } else {
    pairRate.replaceChildren(
      part(`${pairLabel(name as string)} rate `, bold(formats.rate(figures.rate.last))),
      ' ',
      part(`min ${formats.rate(figures.rate.min)}`),
      ' ',
      part(`max ${formats.rate(figures.rate.max)}`),
      ' ',
      part(`at ${utcTime(figures.lastAt, now)} UTC`, undefined, 'muted'),
    );
    windowSummary = `last hour: ${formats.count(series.totalCount)} trades · ${formats.amount(series.totalSold)} ${figures.from}`;
  }
  if (!cursorReadout) setText(minuteSummary, windowSummary);
}

/** One piece of the rate line, wrapped as a whole on a narrow screen. */
function part(text: string, child?: Node, className?: string): HTMLElement {
  const node = document.createElement('span');
  if (className) node.className = className;
  node.append(text);
  if (child) node.append(child);
  return node;
}

function bold(text: string): HTMLElement {
  const node = document.createElement('b');
  node.textContent = text;
  return node;
}

function drawStatus(): void {
  const view = statusView(status, state.health, Date.now());
  connection.dataset['state'] = view.state;
  setText(connectionText, view.text);
  setText(connectionDetail, view.detail);
  connectionDetail.hidden = view.detail === '';
  connection.title = view.detail;
}

function choosePair(name: string): void {
  chosenPair = name;
  pairSelect.value = state.pairs.has(name) ? name : '';
  pairChosen = true;
  requestFrame();
}

pairSelect.addEventListener('change', () => choosePair(pairSelect.value));

const socketUrl = `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}/ws`;
const live = new LiveConnection(
  socketUrl,
  {
    message: onMessage,
    // Drawn with the figures it announces, in the same frame.
    status: (next) => {
      status = next;
      statusChanged = true;
      requestFrame();
    },
  },
  {
    createSocket: (url) => new WebSocket(url),
    setTimeout: (callback, ms) => window.setTimeout(callback, ms),
    clearTimeout: (handle) => window.clearTimeout(handle as number),
    now: () => Date.now(),
    random: Math.random,
  },
);

// Once a second: the throughput sample, the countdown of a reconnect, the minute roll-over. The
// first sample, now, starts the count: trades that arrive before the first tick are counted too.
meter.sample(performance.now());
window.setInterval(() => {
  meter.sample(performance.now());
  clockTicked = true;
  requestFrame();
}, 1000);
window.addEventListener('online', () => live.retryNow());

drawStatus();
drawTotals();
drawThroughput();
drawPairs();
drawMinutes(Date.now());
worldMap.render(state.countries, 'all');
live.start();
worldMap.load().catch((error: unknown) => {
  byId('map').textContent = 'The map could not be loaded.';
  console.warn('map', error);
});
