import type { FoldHealth, FoldStatus, PartitionFoldStatus } from '@tradeflow/contract';

interface Reported {
  instance: string;
  status: PartitionFoldStatus;
}

/**
 * The fold's status per partition, from the process instances' reports on `stats.status`: for each
 * partition the latest report of it, whichever instance made it (a partition handed over is
 * reported by its new owner); an instance's report drops the partitions it no longer folds, and an
 * instance not heard from for `forgetAfterMs` is forgotten with its partitions (it died, or the
 * gateway lost touch with it). Pure: the clock is given.
 */
export class PartitionHealth {
  private readonly latest = new Map<number, Reported>();
  private readonly heard = new Map<string, number>();
  private currentJson: string;

  constructor(
    private readonly forgetAfterMs: number,
    private readonly now: () => number = Date.now,
  ) {
    this.currentJson = JSON.stringify(this.health);
  }

  /** What clients are told now. */
  get health(): FoldHealth {
    const partitions: FoldHealth['partitions'] = {};
    for (const partition of [...this.latest.keys()].sort((a, b) => a - b)) {
      const { status } = this.latest.get(partition) as Reported;
      if (status.state === 'stuck') partitions[partition] = { reason: status.reason, since: status.since };
    }
    return { status: Object.keys(partitions).length > 0 ? 'degraded' : 'ok', partitions };
  }

  /** `health` as JSON, serialised once per change. */
  get healthJson(): string {
    return this.currentJson;
  }

  /** Takes an instance's report; true when what clients are told changed. */
  report({ instance, partitions }: FoldStatus): boolean {
    this.heard.set(instance, this.now());
    for (const [partition, reported] of this.latest) {
      if (reported.instance === instance && !Object.hasOwn(partitions, partition)) this.latest.delete(partition);
    }
    for (const [partition, status] of Object.entries(partitions))
      this.latest.set(Number(partition), { instance, status });
    return this.changed();
  }

  /** Forgets the instances not heard from for too long; true when what clients are told changed. */
  expire(): boolean {
    const now = this.now();
    for (const [instance, at] of this.heard) {
      if (now - at <= this.forgetAfterMs) continue;
      this.heard.delete(instance);
      for (const [partition, reported] of this.latest)
        if (reported.instance === instance) this.latest.delete(partition);
    }
    return this.changed();
  }

  private changed(): boolean {
    const json = JSON.stringify(this.health);
    if (json === this.currentJson) return false;
    this.currentJson = json;
    return true;
  }
}
