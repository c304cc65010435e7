import { Injectable } from '@nestjs/common';

/** What an app's own check says: up or down, and what to show beside the status in /health. */
export interface HealthReport {
  up: boolean;
  /** Shown under the check's name beside `status`; must not use the key `status`. */
  details: Record<string, unknown>;
}

export type AppHealthCheck = () => HealthReport | Promise<HealthReport>;

/**
 * The checks an app adds to GET /health beside `jetstream`, each under its name: process adds
 * `fold`, whether every partition it folds moves. Any of them down makes /health answer 503.
 */
@Injectable()
export class HealthChecks {
  private readonly checks = new Map<string, AppHealthCheck>();

  register(name: string, check: AppHealthCheck): void {
    if (name === 'jetstream') throw new Error("the health check jetstream is libs/nats's own");
    this.checks.set(name, check);
  }

  list(): [string, AppHealthCheck][] {
    return [...this.checks];
  }
}
