import { type HttpException, Injectable, type OnModuleInit } from '@nestjs/common';
import { NatsClient, type PublishObserver } from '@tradeflow/nats';
import { Counter, Histogram, Registry } from 'prom-client';
import type { IntakeOutcome } from '../intake/intake-outcome';
import type { IntakeContext } from '../intake/intake-policy';
import { childPer } from './children';
import { bodyRefusalReason, fieldReason, refusalReason } from './refusal-reason';
import { RouteMeter } from './route-meter';
import { registerSubmissionsPending } from './submissions-pending';

/** Seconds: from half a millisecond, a trade's usual answer, to 5, past the longest wait for JetStream. */
const SECONDS_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

type Transport = IntakeContext['transport'];

interface TradeCounters {
  accepted: Counter.Internal;
  refused: (reason: string) => Counter.Internal;
}

/**
 * ingest's own metrics, in the app's registry (GET /metrics): HTTP requests by route and status
 * and their latency, trades accepted and refused by transport (and why), JetStream publishes by
 * stream, tx.submit messages by outcome and the consumer's backlog. Each is counted where it
 * happens, through children made once (see RouteMeter, childPer).
 */
@Injectable()
export class IngestMetrics implements PublishObserver, OnModuleInit {
  /** By route: "POST /transactions", Fastify's route pattern, or "other". */
  readonly httpRoute: (route: string) => RouteMeter;
  private readonly trades: Record<Transport, TradeCounters>;
  private readonly submissions: (outcome: 'accepted' | 'refused' | 'unavailable') => Counter.Internal;
  private readonly publishDuration: (stream: string) => Histogram.Internal<'stream'>;
  private readonly publishFailures: (stream: string) => Counter.Internal;

  constructor(
    registry: Registry,
    private readonly nats: NatsClient,
  ) {
    const registers = [registry];
    const requests = new Counter({
      name: 'tradeflow_http_requests_total',
      help: 'HTTP requests answered, by route and status',
      labelNames: ['route', 'status'] as const,
      registers,
    });
    const duration = new Histogram({
      name: 'tradeflow_http_request_duration_seconds',
      help: 'Seconds from a request to its answer, by route',
      labelNames: ['route'] as const,
      buckets: SECONDS_BUCKETS,
      registers,
    });
    this.httpRoute = childPer((route: string) => new RouteMeter(route, requests, duration));
    this.trades = tradeCounters(registry);
    const handled = new Counter({
      name: 'tradeflow_submissions_handled_total',
      help: 'tx.submit messages handled, by outcome (unavailable: left to be delivered again)',
      labelNames: ['outcome'] as const,
      registers,
    });
    this.submissions = childPer((outcome: string) => handled.labels(outcome));
    const publishDuration = new Histogram({
      name: 'tradeflow_jetstream_publish_duration_seconds',
      help: "Seconds from a publish to JetStream's acknowledgement, by stream",
      labelNames: ['stream'] as const,
      buckets: SECONDS_BUCKETS,
      registers,
    });
    this.publishDuration = childPer((stream: string) => publishDuration.labels(stream));
    const publishFailures = new Counter({
      name: 'tradeflow_jetstream_publish_failures_total',
      help: 'Publishes JetStream refused or did not acknowledge in time, by stream',
      labelNames: ['stream'] as const,
      registers,
    });
    this.publishFailures = childPer((stream: string) => publishFailures.labels(stream));
    registerSubmissionsPending(registry, nats);
  }

  onModuleInit(): void {
    this.nats.observePublishes(this);
  }

  /** The trades of a submission the intake settled: a batch counts each trade, a refusal of a whole body once. */
  tradesSettled(transport: Transport, outcome: IntakeOutcome): void {
    const trades = this.trades[transport];
    switch (outcome.kind) {
      case 'accepted':
        return trades.accepted.inc();
      case 'batch': {
        const { accepted, rejected } = outcome.items;
        if (accepted.length) trades.accepted.inc(accepted.length);
        for (const { errors } of rejected) trades.refused(fieldReason(errors)).inc();
        return;
      }
      case 'refused':
      case 'not-admitted':
        return trades.refused(refusalReason(outcome)).inc();
      case 'unavailable':
        return;
    }
  }

  /** An HTTP body refused for its size or type before the intake saw it. */
  bodyRefused(refusal: HttpException): void {
    this.trades.http.refused(bodyRefusalReason(refusal.getStatus())).inc();
  }

  /** A tx.submit message handled; undefined when it failed before its outcome (it is delivered again). */
  submissionHandled(outcome: IntakeOutcome | undefined): void {
    if (outcome === undefined || outcome.kind === 'unavailable') return this.submissions('unavailable').inc();
    this.tradesSettled('nats', outcome);
    this.submissions(outcome.kind === 'refused' || outcome.kind === 'not-admitted' ? 'refused' : 'accepted').inc();
  }

  acknowledged(stream: string, seconds: number): void {
    this.publishDuration(stream).observe(seconds);
  }

  failed(stream: string): void {
    this.publishFailures(stream).inc();
  }
}

function tradeCounters(registry: Registry): Record<Transport, TradeCounters> {
  const accepted = new Counter({
    name: 'tradeflow_trades_accepted_total',
    help: 'Trades stored in TRANSACTIONS, by transport (http, nats)',
    labelNames: ['transport'] as const,
    registers: [registry],
  });
  const refused = new Counter({
    name: 'tradeflow_trades_refused_total',
    help: 'Trades refused, by transport and reason (the refused field, or the kind of refusal)',
    labelNames: ['transport', 'reason'] as const,
    registers: [registry],
  });
  const counters = (transport: Transport): TradeCounters => ({
    accepted: accepted.labels(transport),
    refused: childPer((reason: string) => refused.labels(transport, reason)),
  });
  return { http: counters('http'), nats: counters('nats') };
}
