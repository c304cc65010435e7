// The messages of stats' /ws as the page reads them. The shapes mirror libs/stats (model.ts:
// PairFigures, CountryFigures) and libs/trade (trade.ts: Trade); they are restated here, not
// imported, so that the page's type-check does not pull in the server libraries (Node, decorators).
// Exact decimals travel as strings ("1494.2") and stay strings until they are displayed.

/** An exact decimal number written as a string. */
export type Decimal = string;

export interface VolumeBucket {
  /** Start of the minute, ISO-8601 UTC. */
  start: string;
  count: number;
  sold: Decimal;
}

export interface PairFigures {
  from: string;
  to: string;
  count: number;
  /** Σ amountSell, in `from`. */
  sold: Decimal;
  /** Σ amountBuy, in `to`. */
  bought: Decimal;
  rate: { last: number; min: number; max: number };
  lastAt: string;
  /** Per minute, the 60 minutes up to the newest bucket, oldest first. */
  minutes: VolumeBucket[];
  hours: VolumeBucket[];
}

export interface CountryFigures {
  country: string;
  count: number;
  /** Σ amountSell per sold currency. */
  sold: Record<string, Decimal>;
}

export interface Trade {
  id: string;
  userId: string;
  currencyFrom: string;
  currencyTo: string;
  amountSell: number;
  amountBuy: number;
  rate: number;
  /** As submitted: `DD-MMM-YY HH:mm:ss`, UTC. */
  timePlaced: string;
  timePlacedIso: string;
  receivedAt: string;
  originatingCountry: string;
}

/** What snapshot, summary and transactions have in common. */
interface Figures {
  total: number;
  /** Refused submissions, once the server sends it. */
  refused?: number;
  /** Stored messages that were no valid trade, set aside by the fold, once the server sends it. */
  quarantined?: number;
  pairs: Record<string, PairFigures>;
  countries: Record<string, CountryFigures>;
}

/** Whether the figures keep up: `degraded` while a partition of the trades is stuck, with why and since when. */
export interface FoldHealth {
  status: 'ok' | 'degraded';
  partitions: Record<string, { reason: string; since: string }>;
}

export const HEALTH_OK: FoldHealth = Object.freeze({ status: 'ok', partitions: Object.freeze({}) }) as FoldHealth;

/** On connect and on every resync: the whole state, replacing what the page had, and the newest trades. */
export interface SnapshotMessage {
  event: 'snapshot';
  data: Figures & { latest: Trade[]; health?: FoldHealth };
}

/** When the fold's health changes (a snapshot carries it too). */
export interface HealthMessage {
  event: 'health';
  data: FoldHealth;
}

/** The summary feed, at most one a tick: the changed figures and the newest trades. */
export interface SummaryMessage {
  event: 'summary';
  data: Figures & { count: number; latest: Trade[] };
}

/** The full feed (every trade, oldest first): what a socket gets until its subscribe is read. */
export interface TransactionsMessage {
  event: 'transactions';
  data: Figures & { items: Trade[] };
}

export type ServerMessage = SnapshotMessage | SummaryMessage | TransactionsMessage | HealthMessage;

/** What the page sends right after connecting. */
export const SUBSCRIBE_SUMMARY = JSON.stringify({ event: 'subscribe', data: { feed: 'summary' } });

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const isCount = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 0;

/**
 * A message of /ws, or null for anything else (not JSON, another event, a malformed envelope).
 * The envelope is checked; the figures inside are trusted as the server's own serialisation.
 */
export function parseServerMessage(text: string): ServerMessage | null {
  let message: unknown;
  try {
    message = JSON.parse(text);
  } catch {
    return null;
  }
  if (!isObject(message) || !isObject(message['data'])) return null;
  const data = message['data'];
  if (message['event'] === 'health') {
    const health = parseHealth(data);
    return health ? { event: 'health', data: health } : null;
  }
  if (!isCount(data['total'])) return null;
  if (data['refused'] !== undefined && !isCount(data['refused'])) delete data['refused'];
  if (data['quarantined'] !== undefined && !isCount(data['quarantined'])) delete data['quarantined'];
  if (data['pairs'] !== undefined && !isObject(data['pairs'])) return null;
  if (data['countries'] !== undefined && !isObject(data['countries'])) return null;
  data['pairs'] ??= {};
  data['countries'] ??= {};
  if (data['health'] !== undefined) {
    const health = message['event'] === 'snapshot' ? parseHealth(data['health']) : null;
    if (health) data['health'] = health;
    else delete data['health'];
  }
  switch (message['event']) {
    case 'snapshot':
    case 'summary':
      if (!Array.isArray(data['latest'])) data['latest'] = [];
      return message as unknown as SnapshotMessage | SummaryMessage;
    case 'transactions':
      if (!Array.isArray(data['items'])) data['items'] = [];
      return message as unknown as TransactionsMessage;
    default:
      return null;
  }
}

/** The fold's health, checked whole: it is shown as text. */
function parseHealth(value: unknown): FoldHealth | null {
  if (!isObject(value) || (value['status'] !== 'ok' && value['status'] !== 'degraded') || !isObject(value['partitions'])) {
    return null;
  }
  const partitions: FoldHealth['partitions'] = {};
  for (const [partition, stuck] of Object.entries(value['partitions'])) {
    if (!isObject(stuck) || typeof stuck['reason'] !== 'string' || typeof stuck['since'] !== 'string') return null;
    partitions[partition] = { reason: stuck['reason'], since: stuck['since'] };
  }
  return { status: value['status'] as FoldHealth['status'], partitions };
}
