import { EXAMPLE_TRADE } from '@tradeflow/contract';
import {
  type AppProcess,
  eventually,
  type NatsServerHandle,
  postJson,
  publishRaw,
  spawnApp,
  startNatsServer,
} from '@tradeflow/testing';
import { SUBJECTS } from '@tradeflow/topology';
import { existsSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page, type WebSocketRoute } from 'playwright-core';

// The dashboard in a real browser (Debian's Chromium, driven by playwright-core), served by stats
// at GET / from dist/apps/dashboard, on the whole system built as `npx nx run-many -t build`
// leaves it. Trades go in by HTTP and by tx.submit and must show on the counter, the list, the
// pair bars, the per-minute chart and the map; a reload shows the replayed state at once; a lost
// socket reconnects without counting anything twice; trades the fold flags show in the Flags card
// and are marked in the list. The page may only talk to 127.0.0.1, must
// log no error and must break no rule of its Content-Security-Policy. Screenshots land in
// tmp/screenshots/.

const WORKSPACE = resolve(__dirname, '../../..');
const CHROMIUM = process.env['CHROMIUM_BIN'] ?? '/usr/bin/chromium';
const SCREENSHOTS = resolve(WORKSPACE, 'tmp/screenshots');
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const LOCAL = /^(http|ws):\/\/127\.0\.0\.1(:\d+)?\//;

let server: NatsServerHandle;
let browser: Browser;
const apps: Record<'ingest' | 'process' | 'stats', AppProcess> = {} as never;

/** What a page did that it must not: talk off the machine, log an error, break its CSP. */
interface Watch {
  offMachine: string[];
  errors: string[];
  cspViolations: string[];
  sockets: WebSocketRoute[];
}

beforeAll(async () => {
  if (!existsSync(resolve(WORKSPACE, 'dist/apps/dashboard/index.html'))) {
    throw new Error('dist/apps/dashboard is missing: run `npx nx run-many -t build` (npm test does)');
  }
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `${CHROMIUM} is missing: install Debian's chromium (apt-get install -y chromium), or set CHROMIUM_BIN`,
    );
  }
  mkdirSync(SCREENSHOTS, { recursive: true });
  server = await startNatsServer();
  const environment = { NATS_URL: server.url };
  apps.ingest = await spawnApp('ingest', environment);
  apps.process = await spawnApp('process', environment);
  apps.stats = await spawnApp('stats', environment);
  for (const app of Object.values(apps)) {
    await eventually(async () => expect((await fetch(`${app.url}/health`)).status).toBe(200), 30_000);
  }
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await Promise.all(Object.values(apps).map((app) => app.stop()));
  await server?.dispose();
});

/** A page at 1280×800 that records what it must not do; its /ws passes through a route we can cut. */
async function openPage(): Promise<{ context: BrowserContext; page: Page; watch: Watch }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-US' });
  const watch: Watch = { offMachine: [], errors: [], cspViolations: [], sockets: [] };
  await context.route('**/*', async (route) => {
    const url = route.request().url();
    if (LOCAL.test(url)) return route.continue();
    watch.offMachine.push(url);
    return route.abort();
  });
  await context.routeWebSocket(/\/ws$/, (socket) => {
    if (!LOCAL.test(socket.url())) watch.offMachine.push(socket.url());
    watch.sockets.push(socket);
    socket.connectToServer();
  });
  await context.exposeBinding('reportCspViolation', (_source, violation: string) =>
    watch.cspViolations.push(violation),
  );
  await context.addInitScript({
    content: `document.addEventListener('securitypolicyviolation', (event) =>
      window.reportCspViolation(event.violatedDirective + ' refused ' + (event.blockedURI || 'inline')));`,
  });
  const page = await context.newPage();
  page.on('request', (request) => {
    if (!LOCAL.test(request.url())) watch.offMachine.push(request.url());
  });
  page.on('websocket', (socket) => {
    if (!LOCAL.test(socket.url())) watch.offMachine.push(socket.url());
  });
  page.on('console', (message) => {
    if (message.type() === 'error') watch.errors.push(message.text());
  });
  page.on('pageerror', (error) => watch.errors.push(error.message));
  return { context, page, watch };
}

const text = async (page: Page, selector: string) =>
  ((await page.locator(selector).first().textContent()) ?? '').trim();
const attribute = (page: Page, selector: string, name: string) => page.locator(selector).first().getAttribute(name);

const waitLive = (page: Page) =>
  eventually(
    async () => expect(await attribute(page, '[data-testid="connection"]', 'data-state')).toBe('live'),
    20_000,
  );

const tradeOf = (userId: string, pair: string, country: string) => {
  const [currencyFrom, currencyTo] = pair.split('-');
  const rate = pair === 'USD-JPY' ? 150 : pair === 'GBP-USD' ? 1.25 : 0.75;
  return {
    ...EXAMPLE_TRADE,
    userId,
    currencyFrom,
    currencyTo,
    amountSell: 1494.2,
    amountBuy: +(1494.2 * rate).toFixed(2),
    rate,
    originatingCountry: country,
  };
};

describe('the dashboard', () => {
  let live: { context: BrowserContext; page: Page; watch: Watch };

  afterAll(async () => {
    await live?.context.close();
  });

  test('trades in by HTTP and tx.submit move the counter, the list, the charts and the map', async () => {
    live = await openPage();
    const { page } = live;
    const response = await page.goto(`${apps.stats.url}/`);
    expect(response?.status()).toBe(200);
    expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
    await waitLive(page);
    await eventually(async () => expect(await text(page, '[data-testid="total-count"]')).toBe('0'));

    const batch = [
      ...Array.from({ length: 10 }, (_, i) => tradeOf(`http-fr-${i}`, 'EUR-GBP', 'FR')),
      ...Array.from({ length: 6 }, (_, i) => tradeOf(`http-jp-${i}`, 'USD-JPY', 'JP')),
      ...Array.from({ length: 4 }, (_, i) => tradeOf(`http-us-${i}`, 'GBP-USD', 'US')),
    ];
    const posted = await postJson(`${apps.ingest.url}/transactions/batch`, batch);
    expect(posted.body.accepted).toHaveLength(20);
    await eventually(async () => expect(await text(page, '[data-testid="total-count"]')).toBe('20'), 20_000);

    for (let i = 0; i < 3; i++) {
      await publishRaw(server.url, SUBJECTS.submit, JSON.stringify(tradeOf(`nats-de-${i}`, 'EUR-GBP', 'DE')));
    }
    await eventually(async () => expect(await text(page, '[data-testid="total-count"]')).toBe('23'), 20_000);

    // A refused submission: counted apart (stats reads REJECTED about once a second).
    await publishRaw(
      server.url,
      SUBJECTS.submit,
      JSON.stringify({ ...tradeOf('nats-refused', 'EUR-GBP', 'DE'), rate: -1 }),
    );
    await eventually(async () => expect(await text(page, '[data-testid="refused-count"]')).toBe('1'), 20_000);
    expect(await text(page, '[data-testid="total-count"]')).toBe('23');
    expect(await text(page, '#refused-share')).toBe('refused share 4.2%');

    // The list: newest first, the trades from tx.submit on top.
    await eventually(async () => {
      const users = await page.locator('[data-testid="trades-list"] tr:not([hidden]) td.user').allTextContents();
      expect(users.slice(0, 3).sort()).toEqual(['nats-de-0', 'nats-de-1', 'nats-de-2']);
      expect(users.length).toBeGreaterThanOrEqual(10);
    });
    const firstRow = await page.locator('[data-testid="trades-list"] tr:not([hidden])').first().innerText();
    expect(firstRow).toContain('EUR → GBP');
    expect(firstRow).toContain('1,494.20');
    expect(firstRow).toContain('DE');

    // Volume per pair, busiest first.
    await eventually(async () => {
      expect(await text(page, '[data-testid="pair-bars"] li[data-pair="EUR-GBP"] .count')).toBe('13');
      expect(await text(page, '[data-testid="pair-bars"] li[data-pair="EUR-GBP"] .sold')).toBe('19,424.60 EUR');
      expect(await text(page, '[data-testid="pair-bars"] li[data-pair="USD-JPY"] .count')).toBe('6');
      expect(await attribute(page, '[data-testid="pair-bars"] li:not([hidden])', 'data-pair')).toBe('EUR-GBP');
    });

    // The busiest pair's last hour, from its per-minute buckets, and its rate.
    await eventually(async () => {
      expect(await text(page, '[data-testid="minute-summary"]')).toBe('last hour: 13 trades · 19,424.60 EUR');
      expect(await text(page, '[data-testid="pair-rate"]')).toContain('EUR → GBP rate 0.7500');
    });
    expect(await page.locator('[data-testid="minute-chart"] canvas').count()).toBeGreaterThan(0);

    // The map: shaded and valued by country.
    await eventually(async () => {
      expect(await attribute(page, '[data-testid="map"] path[data-cc="FR"]', 'data-count')).toBe('10');
      expect(await attribute(page, '[data-testid="map"] path[data-cc="JP"]', 'data-count')).toBe('6');
      expect(await attribute(page, '[data-testid="map"] path[data-cc="US"]', 'data-count')).toBe('4');
      expect(await attribute(page, '[data-testid="map"] path[data-cc="DE"]', 'data-count')).toBe('3');
    });
    const fills = await Promise.all(
      ['FR', 'DE', 'BR'].map((cc) => attribute(page, `[data-testid="map"] path[data-cc="${cc}"]`, 'fill')),
    );
    expect(fills[0]).not.toBe(fills[2]);
    expect(fills[1]).not.toBe(fills[2]);
    // Germany: compact, so the middle of its box is on it (France's box takes in French Guiana).
    await page.locator('[data-testid="map"] path[data-cc="DE"]').hover({ force: true });
    await eventually(async () =>
      expect(await text(page, '[data-testid="map-tooltip"]')).toContain('Germany (DE)3 trades'),
    );
    expect(await text(page, '[data-testid="map-legend"]')).toContain('none');
    await page.mouse.move(5, 5);

    await eventually(async () => expect(await text(page, '[data-testid="throughput"]')).toMatch(/^\d/));
    await page.screenshot({ path: resolve(SCREENSHOTS, 'dashboard-1280x800.png') });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.waitForTimeout(300);
    await page.screenshot({ path: resolve(SCREENSHOTS, 'dashboard-390x844.png'), fullPage: true });
    await page.setViewportSize({ width: 1280, height: 800 });

    expect(live.watch.offMachine).toEqual([]);
    expect(live.watch.errors).toEqual([]);
    expect(live.watch.cspViolations).toEqual([]);
  }, 90_000);

  test('a reload shows the replayed state at once, the chart full', async () => {
    const { page, watch } = live;
    // Every value the counter and the connection state take after the reload, from the first.
    await page.addInitScript({
      content: `
        window.__totals = [];
        window.__states = [];
        document.addEventListener('DOMContentLoaded', () => {
          const total = document.querySelector('[data-testid="total-count"]');
          const connection = document.querySelector('[data-testid="connection"]');
          const record = () => window.__totals.push(total.textContent);
          const state = () => window.__states.push(connection.dataset.state);
          record();
          state();
          new MutationObserver(record).observe(total, { childList: true, characterData: true, subtree: true });
          new MutationObserver(state).observe(connection, { attributes: true, attributeFilter: ['data-state'] });
        });
      `,
    });
    const listedUsers = () => page.locator('[data-testid="trades-list"] tr:not([hidden]) td.user').allTextContents();
    const newestBefore = (await listedUsers()).slice(0, 10);
    await page.reload();
    await waitLive(page);
    await eventually(async () => expect(await text(page, '[data-testid="total-count"]')).toBe('23'));
    // The newest trades come with the snapshot (the gateway keeps WS_LATEST_TRADES, 10, of them).
    expect(newestBefore).toHaveLength(10);
    expect(await listedUsers()).toEqual(newestBefore);
    const shown = (await page.evaluate('window.__totals')) as string[];
    expect(shown.filter((value) => value !== '—')).toEqual(['23']);
    expect(await text(page, '[data-testid="minute-summary"]')).toBe('last hour: 13 trades · 19,424.60 EUR');
    expect(await text(page, '[data-testid="pair-bars"] li[data-pair="EUR-GBP"] .count')).toBe('13');
    await eventually(async () =>
      expect(await attribute(page, '[data-testid="map"] path[data-cc="FR"]', 'data-count')).toBe('10'),
    );
    expect(watch.offMachine).toEqual([]);
    expect(watch.errors).toEqual([]);
    expect(watch.cspViolations).toEqual([]);
  }, 60_000);

  test('a lost connection reconnects, and the new snapshot replaces the state: nothing counts twice', async () => {
    const { page, watch } = live;
    const socket = watch.sockets.at(-1);
    expect(socket).toBeDefined();
    const before = watch.sockets.length;
    await socket?.close({ code: 1012, reason: 'test: server restarting' });
    await eventually(() => expect(watch.sockets.length).toBe(before + 1), 20_000);
    await waitLive(page);
    const states = (await page.evaluate('window.__states')) as string[];
    // live (after the reload), then reconnecting, (waiting,) live again.
    expect(states.lastIndexOf('reconnecting')).toBeGreaterThan(states.indexOf('live'));
    expect(states.at(-1)).toBe('live');
    expect(await text(page, '[data-testid="total-count"]')).toBe('23');
    expect(await text(page, '[data-testid="pair-bars"] li[data-pair="EUR-GBP"] .count')).toBe('13');

    const posted = await postJson(`${apps.ingest.url}/transactions`, tradeOf('after-reconnect', 'GBP-USD', 'BR'));
    expect(posted.status).toBe(202);
    await eventually(async () => expect(await text(page, '[data-testid="total-count"]')).toBe('24'), 20_000);
    await eventually(async () =>
      expect(await attribute(page, '[data-testid="map"] path[data-cc="BR"]', 'data-count')).toBe('1'),
    );
    expect(watch.offMachine).toEqual([]);
    expect(watch.errors).toEqual([]);
    expect(watch.cspViolations).toEqual([]);
  }, 60_000);

  test('a message set aside is counted as quarantined, and a stuck partition shows Degraded with why, not Live', async () => {
    const { page, watch } = live;
    expect(await text(page, '[data-testid="quarantined-count"]')).toBe('0 quarantined');
    // Anything that can reach NATS can store this on a partition's subject: process sets it aside.
    await publishRaw(server.url, 'tx.accepted.0', 'not json at all');
    await eventually(
      async () => expect(await text(page, '[data-testid="quarantined-count"]')).toBe('1 quarantined'),
      20_000,
    );
    expect(await text(page, '[data-testid="total-count"]')).toBe('24');

    // A process instance's report that a partition is stuck, as process publishes it (the whole
    // chain from a real stuck fold is apps/process/src/fold/quarantine.spec.ts); partition 9, which
    // the real instance does not fold, so that its own reports do not override it.
    const report = (partitions: Record<string, unknown>) =>
      publishRaw(server.url, 'stats.status', JSON.stringify({ instance: 'e2e-test', partitions }));
    await report({
      9: { state: 'stuck', reason: 'no progress: a value in KV that cannot be read', since: new Date().toISOString() },
    });
    await eventually(
      async () => expect(await attribute(page, '[data-testid="connection"]', 'data-state')).toBe('degraded'),
      20_000,
    );
    expect(await text(page, '#connection-text')).toBe('Degraded · partition 9 stuck');
    expect(await text(page, '[data-testid="connection-detail"]')).toMatch(
      /^partition 9 since \d\d:\d\d:\d\d UTC: no progress: a value in KV/,
    );
    await page.screenshot({ path: resolve(SCREENSHOTS, 'dashboard-degraded-1280x800.png') });
    await report({});
    await waitLive(page);
    expect(await text(page, '#connection-text')).toBe('Live');
    expect(await page.locator('[data-testid="connection-detail"]').isHidden()).toBe(true);
    expect(watch.offMachine).toEqual([]);
    expect(watch.errors).toEqual([]);
    expect(watch.cspViolations).toEqual([]);
  }, 60_000);

  test('trades the fold flags are listed in the Flags card, and marked in the latest trades, after a reload too', async () => {
    const { page, watch } = live;
    expect(await page.locator('[data-testid="flags-list"] li:not([hidden])').count()).toBe(0);
    // One user's 21 trades at once: over VELOCITY_MAX_TRADES (20 in 60 s) at the 21st, whose rate
    // is also 6.67% above 0.75, the median of the 20 EUR → GBP rates before it in its partition.
    const burst = Array.from({ length: 21 }, () => tradeOf('fast-user', 'EUR-GBP', 'FR'));
    burst[20] = { ...burst[20], rate: 0.8, amountBuy: +(1494.2 * 0.8).toFixed(2) };
    const posted = await postJson(`${apps.ingest.url}/transactions/batch`, burst);
    expect(posted.body.accepted).toHaveLength(21);
    const flaggedId = (posted.body.accepted as { index: number; id: string }[])[20].id;

    const rows = '[data-testid="flags-list"] li:not([hidden])';
    const shownFlags = async () =>
      Promise.all(
        (await page.locator(rows).all()).map(async (item) => ({
          kind: await item.getAttribute('data-kind'),
          text: await item.innerText(),
        })),
      );
    await eventually(
      async () => expect((await shownFlags()).map((flag) => flag.kind).sort()).toEqual(['off-market', 'velocity']),
      20_000,
    );
    const byKind = Object.fromEntries((await shownFlags()).map((flag) => [flag.kind, flag.text.replace(/\s+/g, ' ')]));
    expect(byKind['off-market']).toMatch(/^OFF-MARKET EUR → GBP \d\d:\d\d:\d\d 0\.8000 vs 0\.7500 · \+6\.67%$/);
    expect(byKind['velocity']).toMatch(/^VELOCITY user fast-user \d\d:\d\d:\d\d 21 trades in 60 s$/);
    const marked = `[data-testid="trades-list"] tr[data-id="${flaggedId}"]`;
    await eventually(async () => {
      expect((await attribute(page, marked, 'data-flags'))?.split(' ').sort()).toEqual(['off-market', 'velocity']);
    });
    expect(await page.locator(`[data-testid="trades-list"] tr.flagged`).count()).toBe(1);
    await page.screenshot({ path: resolve(SCREENSHOTS, 'dashboard-flags-1280x800.png') });

    // The gateway's recent flags come with the snapshot.
    await page.reload();
    await waitLive(page);
    await eventually(async () => expect(await page.locator(rows).count()).toBe(2));
    await eventually(async () => expect(await attribute(page, marked, 'class')).toContain('flagged'));
    expect(watch.offMachine).toEqual([]);
    expect(watch.errors).toEqual([]);
    expect(watch.cspViolations).toEqual([]);
  }, 60_000);

  test('the policy is enforced, and a breach would be seen: an inline script is refused and reported', async () => {
    const { page, watch } = live;
    await page.evaluate(`
      const script = document.createElement('script');
      script.textContent = 'document.body.dataset.inlineRan = "yes"';
      document.body.append(script);
    `);
    await eventually(() => expect(watch.cspViolations).toEqual(['script-src-elem refused inline']));
    expect(await attribute(page, 'body', 'data-inline-ran')).toBeNull();
    // Chromium says so on the console too.
    expect(watch.errors).toEqual([expect.stringContaining('Content Security Policy')]);
  });
});
