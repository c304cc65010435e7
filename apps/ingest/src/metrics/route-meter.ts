import type { Counter, Histogram } from 'prom-client';
import { childPer } from './children';

/** One route's requests, counted by status and timed, through children of the metrics made once. */
export class RouteMeter {
  private readonly requests: (status: number) => Counter.Internal;
  private readonly duration: Histogram.Internal<'route'>;

  constructor(route: string, requests: Counter<'route' | 'status'>, duration: Histogram<'route'>) {
    this.requests = childPer((status: number) => requests.labels(route, String(status)));
    this.duration = duration.labels(route);
  }

  /** An answered request: its status, and the seconds from its arrival to its answer. */
  record(status: number, seconds: number): void {
    this.requests(status).inc();
    this.duration.observe(seconds);
  }
}
