// The live progress line and the summary, as text, and the summary as JSON.
import type { Quantiles } from './latency-histogram';
import type { StoppedBy } from './open-loop';
import type { Tally } from './tally';

export type Via = 'http' | 'nats';

export interface Summary {
  via: Via;
  /** ingest's address, or the NATS servers (passwords hidden). */
  target: string;
  /** Trades per POST /transactions/batch; null: one per request. */
  batch: number | null;
  targetRate: number;
  seconds: number;
  stoppedBy: StoppedBy;
  offered: number;
  sent: number;
  invalid: number;
  /** Sent with a rate off the market's on purpose. */
  offMarket: number;
  /** Sent as the fast user. */
  fastUser: number;
  skipped: number;
  accepted: number;
  refused: number;
  rateLimited: number;
  unavailable: number;
  errors: number;
  /** NATS only: queued in SUBMISSIONS, and of those the ones whose outcome was not seen. */
  queued?: number;
  pending?: number;
  sentPerSecond: number;
  /** Per request, until its answer (NATS: until JetStream queued it); null when nothing answered. */
  latencyMs: Quantiles | null;
  lastError?: string;
}

export interface RunFacts {
  via: Via;
  target: string;
  batch: number | null;
  targetRate: number;
  elapsedMs: number;
  stoppedBy: StoppedBy;
}

const round = (value: number, places: number) => Number(value.toFixed(places));

export function summarise(tally: Tally, facts: RunFacts): Summary {
  const seconds = facts.elapsedMs / 1000;
  const { p50, p90, p99, max } = tally.latency.quantiles();
  return {
    via: facts.via,
    target: facts.target,
    batch: facts.batch,
    targetRate: facts.targetRate,
    seconds: round(seconds, 3),
    stoppedBy: facts.stoppedBy,
    offered: tally.offered,
    sent: tally.sent,
    invalid: tally.invalid,
    offMarket: tally.offMarket,
    fastUser: tally.fastUser,
    skipped: tally.skipped,
    accepted: tally.accepted,
    refused: tally.refused,
    rateLimited: tally.limited,
    unavailable: tally.unavailable,
    errors: tally.errors,
    ...(facts.via === 'nats' && { queued: tally.queued, pending: tally.pending }),
    sentPerSecond: seconds > 0 ? round(tally.sent / seconds, 1) : 0,
    latencyMs:
      tally.latency.count === 0
        ? null
        : { p50: round(p50, 3), p90: round(p90, 3), p99: round(p99, 3), max: round(max, 3) },
    ...(tally.lastError !== undefined && { lastError: tally.lastError }),
  };
}

const count = (n: number) => n.toLocaleString('en-US');
const perSecond = (n: number) => `${count(Math.round(n))}/s`;

export function ms(value: number): string {
  if (!Number.isFinite(value)) return '-';
  return `${value < 10 ? value.toFixed(2) : value < 100 ? value.toFixed(1) : value.toFixed(0)} ms`;
}

const STOPPED: Record<StoppedBy, string> = {
  duration: 'its duration reached',
  count: 'its count sent',
  interrupt: 'interrupted',
};

export function formatSummary(summary: Summary, maxInFlight: number): string {
  const how =
    summary.via === 'http' ? (summary.batch === null ? 'HTTP' : `HTTP in batches of ${summary.batch}`) : 'NATS';
  const rows: [string, string][] = [
    [
      'sent',
      `${count(summary.sent)} trades, ${perSecond(summary.sentPerSecond)} (target ${perSecond(summary.targetRate)})` +
        `, ${count(summary.invalid)} of them invalid on purpose${anomaliesText(summary)}`,
    ],
    [
      'skipped',
      `${count(summary.skipped)}${summary.skipped ? ` (due while ${maxInFlight} requests were in flight)` : ''}`,
    ],
    ...(summary.queued === undefined
      ? []
      : [['queued', `${count(summary.queued)} in SUBMISSIONS`] as [string, string]]),
    ['accepted', count(summary.accepted)],
    ['refused', count(summary.refused)],
    ...(summary.pending === undefined
      ? []
      : [['pending', `${count(summary.pending)} (no outcome seen)`] as [string, string]]),
    ['429', count(summary.rateLimited)],
    ['503', count(summary.unavailable)],
    ['errors', `${count(summary.errors)}${summary.lastError ? ` (last: ${summary.lastError})` : ''}`],
    ['latency', latencyText(summary)],
  ];
  const header = `load over ${how} to ${summary.target}: ${summary.seconds.toFixed(1)} s, ${STOPPED[summary.stoppedBy]}`;
  return [header, ...rows.map(([name, value]) => `  ${name.padEnd(10)}${value}`)].join('\n');
}

/** The anomalies sent, when the run had any. */
function anomaliesText({ offMarket, fastUser }: Summary): string {
  const parts = [
    ...(offMarket > 0 ? [`${count(offMarket)} off the market`] : []),
    ...(fastUser > 0 ? [`${count(fastUser)} by the fast user`] : []),
  ];
  return parts.map((part) => `, ${part}`).join('');
}

function latencyText({ latencyMs, via }: Summary): string {
  if (latencyMs === null) return 'no answers';
  const until = via === 'http' ? 'its answer' : 'JetStream queued it';
  return `p50 ${ms(latencyMs.p50)}  p90 ${ms(latencyMs.p90)}  p99 ${ms(latencyMs.p99)}  max ${ms(latencyMs.max)} (a request, until ${until})`;
}

export interface ProgressFacts {
  via: Via;
  elapsedMs: number;
  /** Trades sent a second since the previous line. */
  sentPerSecond: number;
  recent: Quantiles;
  /** Trades skipped since the previous line. */
  recentlySkipped: number;
  maxInFlight: number;
  /** The errors grew since the previous line. */
  newErrors: boolean;
}

export function formatProgress(tally: Tally, facts: ProgressFacts): string {
  const parts = [
    `${(facts.elapsedMs / 1000).toFixed(0).padStart(4)}s`,
    `sent ${count(tally.sent)}`,
    `accepted ${count(tally.accepted)}`,
    `refused ${count(tally.refused)}`,
    ...(facts.via === 'nats' ? [`pending ${count(tally.pending)}`] : []),
    `429 ${count(tally.limited)}`,
    `503 ${count(tally.unavailable)}`,
    `errors ${count(tally.errors)}`,
    perSecond(facts.sentPerSecond),
    `p50 ${ms(facts.recent.p50)}`,
    `p99 ${ms(facts.recent.p99)}`,
  ];
  if (facts.recentlySkipped > 0) {
    parts.push(`behind: ${count(facts.recentlySkipped)} not sent, ${facts.maxInFlight} requests in flight`);
  }
  if (facts.newErrors && tally.lastError) parts.push(`last error: ${tally.lastError}`);
  return parts.join('  ');
}
