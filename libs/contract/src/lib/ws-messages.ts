// The messages of stats' /ws, both ways. The server writes its messages from parts that are JSON
// already: the figures are kept serialised by its view, and what a tick adds is serialised once for
// every client. The page parses them. Exact decimals travel as strings ("1494.2") and stay strings
// until they are displayed.
import { isCount, isRecord } from './checks';
import type { CountryFigures, PairFigures } from './figures';
import type { Flag } from './flags';
import { type FoldHealth, parseFoldHealth } from './fold-health';
import type { Trade } from './trade';

// Client → server.

/** `full`: every trade (`transactions`); `summary`: totals, changed figures, the latest trades. */
export type Feed = 'full' | 'summary';

/** The one message a client sends: the feed it wants. Until it is read, a socket gets `full`. */
export interface SubscribeMessage {
  event: 'subscribe';
  data: { feed: Feed };
}

/** What the page sends right after connecting. */
export const SUBSCRIBE_SUMMARY = JSON.stringify({
  event: 'subscribe',
  data: { feed: 'summary' },
} satisfies SubscribeMessage);

/** The feed a `subscribe` message's data asks for, or undefined when it asks for none. */
export function requestedFeed(data: unknown): Feed | undefined {
  if (!isRecord(data) || !Object.hasOwn(data, 'feed')) return undefined;
  const { feed } = data;
  return feed === 'full' || feed === 'summary' ? feed : undefined;
}

// Server → client: the messages as the page reads them, how the server writes them, how the page parses them.

/** What snapshot, summary and transactions have in common. */
interface Figures {
  total: number;
  /** Refused submissions, once the server sends it. */
  refused?: number;
  /** Stored messages that were no valid trade, set aside by the fold, once the server sends it. */
  quarantined?: number;
  pairs: Record<string, PairFigures>;
  countries: Record<string, CountryFigures>;
  /**
   * Flags raised by the fold, newest first: in a snapshot the gateway's most recent ones, in an
   * update those stored since the previous update. A flag may come again after a snapshot that
   * had it; its id tells.
   */
  flags: Flag[];
}

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

/** What every message but `health` starts with: processed trades, refused submissions, messages set aside. */
export interface Counts {
  total: number;
  refused: number;
  quarantined: number;
}

const counts = ({ total, refused, quarantined }: Counts) =>
  `"total":${total},"refused":${refused},"quarantined":${quarantined}`;

/** The pairs, the countries and the flags of a message, each serialised already. */
export interface SerialisedFigures {
  pairs: string;
  countries: string;
  flags: string;
}

const figures = ({ pairs, countries, flags }: SerialisedFigures) =>
  `"pairs":${pairs},"countries":${countries},"flags":${flags}`;

/** A SnapshotMessage; `health` is FoldHealth as JSON. */
export const snapshotMessage = (current: Counts, json: SerialisedFigures, latest: string, health: string): string =>
  `{"event":"snapshot","data":{${counts(current)},${figures(json)},"latest":${latest},"health":${health}}}`;

/** A TransactionsMessage. */
export const transactionsMessage = (current: Counts, items: string, json: SerialisedFigures): string =>
  `{"event":"transactions","data":{${counts(current)},"items":${items},${figures(json)}}}`;

/** A SummaryMessage. */
export const summaryMessage = (current: Counts, count: number, latest: string, json: SerialisedFigures): string =>
  `{"event":"summary","data":{${counts(current)},"count":${count},"latest":${latest},${figures(json)}}}`;

/** A HealthMessage, sent to every client when the fold's health changes; `health` is FoldHealth as JSON. */
export const healthMessage = (health: string): string => `{"event":"health","data":${health}}`;

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
  if (!isRecord(message) || !isRecord(message['data'])) return null;
  const data = message['data'];
  if (message['event'] === 'health') {
    const health = parseFoldHealth(data);
    return health ? { event: 'health', data: health } : null;
  }
  if (!isCount(data['total'])) return null;
  if (data['refused'] !== undefined && !isCount(data['refused'])) delete data['refused'];
  if (data['quarantined'] !== undefined && !isCount(data['quarantined'])) delete data['quarantined'];
  if (data['pairs'] !== undefined && !isRecord(data['pairs'])) return null;
  if (data['countries'] !== undefined && !isRecord(data['countries'])) return null;
  data['pairs'] ??= {};
  data['countries'] ??= {};
  if (!Array.isArray(data['flags'])) data['flags'] = [];
  if (data['health'] !== undefined) {
    const health = message['event'] === 'snapshot' ? parseFoldHealth(data['health']) : null;
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
