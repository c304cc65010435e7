import { parseArgs } from 'node:util';
import { FAST_USER, FAST_USER_BURST } from './fast-user';
import type { Via } from './report';

export interface LoadOptions {
  /** Trades a second. */
  rate: number;
  /** How long to send; undefined when only a count bounds the run. */
  durationSeconds?: number;
  count?: number;
  via: Via;
  /** Trades per POST /transactions/batch; undefined: one trade per POST /transactions. */
  batch?: number;
  /** ingest's base URL. */
  url: string;
  /** NATS servers instead of NATS_URL's. */
  natsUrl?: string;
  /** Share of the trades spoilt on purpose, 0 to 1. */
  invalid: number;
  /** Share of the valid trades with a rate 5 to 15 % off the market's, 0 to 1. */
  offMarket: number;
  /** Whether one user sends bursts of trades (FAST_USER_BURST). */
  fastUser: boolean;
  maxInFlight: number;
  json: boolean;
  help: boolean;
}

export const DEFAULTS = {
  rate: 500,
  durationSeconds: 60,
  url: 'http://127.0.0.1:3001',
  maxInFlight: 256,
} as const;
/** ingest's BATCH_MAX_ITEMS by default. */
export const MAX_BATCH = 1000;
const MAX_RATE = 1_000_000;
const MAX_IN_FLIGHT = 10_000;

export const USAGE = `Usage: npm run load -- [--rate N] [--duration S] [--count N] [--via http|nats] [--batch N]
                        [--url URL] [--nats-url URL] [--invalid F] [--off-market F] [--fast-user]
                        [--max-in-flight N] [--json]

Sends realistic trades to ingest at a steady rate, open-loop (on schedule, whatever the answers),
shows progress on stderr and prints a summary: how many were accepted, refused, rate-limited
(429), unavailable (503) or failed, and the latency of the answers.

  --rate N            trades a second (default ${DEFAULTS.rate})
  --duration S        seconds to send (default ${DEFAULTS.durationSeconds}, or none when --count is given)
  --count N           trades to send at most; with --duration, whichever ends first
  --via http|nats     POST them to ingest (default), or request each on tx.submit
  --batch N           HTTP: N trades per POST /transactions/batch (1 to ${MAX_BATCH}) instead of one per
                      POST /transactions
  --url URL           HTTP: ingest's address (default ${DEFAULTS.url})
  --nats-url URL      NATS: the servers, as NATS_URL (which is read otherwise, default
                      nats://127.0.0.1:4222); a user and password in it, NATS_TOKEN,
                      NATS_NKEY_SEED_FILE, NATS_CREDS_FILE and the NATS_ TLS files work as for the apps
  --invalid F         share of invalid trades, 0 to 1 (default 0): negative or text amounts, amountBuy
                      off the rate, unknown or repeated currencies, country UK, 31 February, no userId
  --off-market F      share of the valid trades, 0 to 1 (default 0), at a rate 5 to 15% above or below
                      the pair's market rate (amountBuy agreeing with it), for the fold to flag
  --fast-user         user ${FAST_USER} sends bursts of ${FAST_USER_BURST.trades} trades within ${FAST_USER_BURST.withinMs / 1000} s, one every ${FAST_USER_BURST.everyMs / 1000} s, in
                      the place of trades of the mix (at --rate 10 or more), for the fold to flag
  --max-in-flight N   requests awaiting their answer at most (default ${DEFAULTS.maxInFlight}); a request due
                      beyond it is not sent and is counted as skipped
  --json              print the summary as JSON only (progress still goes to stderr)
  -h, --help          this text

Over NATS, JetStream answers once SUBMISSIONS holds a trade; ingest decides later, and the tool
counts each outcome as it appears on tx.accepted.<n> or tx.rejected. Ctrl-C stops sending, waits
for the answers (and outcomes) of what was sent, prints the summary and exits 0; a second Ctrl-C
prints it at once.`;

/** A mistake on the command line: the tool prints it with a pointer to --help and exits 2. */
export class UsageError extends Error {}

export function parseOptions(args: string[]): LoadOptions {
  const { values } = parse(args);
  const via = values.via ?? 'http';
  if (via !== 'http' && via !== 'nats') throw new UsageError(`--via takes http or nats, not '${via}'`);
  const count = values.count === undefined ? undefined : whole('count', values.count, 1, Number.MAX_SAFE_INTEGER);
  const durationSeconds =
    values.duration === undefined
      ? count === undefined
        ? DEFAULTS.durationSeconds
        : undefined
      : positive('duration', values.duration, 'seconds', Infinity);
  onlyWith(via, 'http', { batch: values.batch, url: values.url });
  onlyWith(via, 'nats', { 'nats-url': values['nats-url'] });
  return {
    rate: values.rate === undefined ? DEFAULTS.rate : positive('rate', values.rate, 'trades a second', MAX_RATE),
    durationSeconds,
    count,
    via,
    batch: values.batch === undefined ? undefined : whole('batch', values.batch, 1, MAX_BATCH),
    url: values.url === undefined ? DEFAULTS.url : httpUrl(values.url),
    natsUrl: values['nats-url'],
    invalid: values.invalid === undefined ? 0 : fraction('invalid', values.invalid),
    offMarket: values['off-market'] === undefined ? 0 : fraction('off-market', values['off-market']),
    fastUser: values['fast-user'] ?? false,
    maxInFlight:
      values['max-in-flight'] === undefined
        ? DEFAULTS.maxInFlight
        : whole('max-in-flight', values['max-in-flight'], 1, MAX_IN_FLIGHT),
    json: values.json ?? false,
    help: values.help ?? false,
  };
}

function parse(args: string[]) {
  try {
    return parseArgs({
      args,
      strict: true,
      allowPositionals: false,
      options: {
        rate: { type: 'string' },
        duration: { type: 'string' },
        count: { type: 'string' },
        via: { type: 'string' },
        batch: { type: 'string' },
        url: { type: 'string' },
        'nats-url': { type: 'string' },
        invalid: { type: 'string' },
        'off-market': { type: 'string' },
        'fast-user': { type: 'boolean' },
        'max-in-flight': { type: 'string' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    // Node's own message, without its advice on positional arguments, which this tool takes none of.
    throw new UsageError(String((error as Error).message).replace(/\. To specify a positional.*$/s, ''));
  }
}

/** Flags that mean something for one way of sending only. */
function onlyWith(via: Via, their: Via, flags: Record<string, string | undefined>): void {
  const given = Object.keys(flags).filter((flag) => flags[flag] !== undefined);
  if (via !== their && given.length > 0) {
    throw new UsageError(`--${given[0]} is for --via ${their}, and this run sends --via ${via}`);
  }
}

const DECIMAL = /^\d+(\.\d+)?$/;

function positive(flag: string, value: string, what: string, max: number): number {
  const n = DECIMAL.test(value) ? Number(value) : NaN;
  if (!(n > 0 && n <= max)) {
    const range = max === Infinity ? 'above 0' : `above 0, at most ${max}`;
    throw new UsageError(`--${flag} takes ${what}, a number ${range}, not '${value}'`);
  }
  return n;
}

function whole(flag: string, value: string, min: number, max: number): number {
  const n = /^\d+$/.test(value) ? Number(value) : NaN;
  if (!(n >= min && n <= max)) {
    const range = max === Number.MAX_SAFE_INTEGER ? `${min} or more` : `from ${min} to ${max}`;
    throw new UsageError(`--${flag} takes a whole number ${range}, not '${value}'`);
  }
  return n;
}

function fraction(flag: string, value: string): number {
  const n = DECIMAL.test(value) ? Number(value) : NaN;
  if (!(n >= 0 && n <= 1)) throw new UsageError(`--${flag} takes a share from 0 to 1 (0.01 is 1%), not '${value}'`);
  return n;
}

function httpUrl(value: string): string {
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  if (!url || !['http:', 'https:'].includes(url.protocol) || url.pathname !== '/' || url.search || url.hash) {
    throw new UsageError(`--url takes ingest's address, such as ${DEFAULTS.url}, not '${value}'`);
  }
  return url.origin;
}
