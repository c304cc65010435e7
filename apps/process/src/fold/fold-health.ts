/** A partition this instance folds that has not moved for too long while it had work. */
export interface StuckPartition {
  /** Why, as a person reads it: `no progress for 12 s: <the fold's last error>`. */
  reason: string;
  /** The cause alone, without the time: what the fold last failed with, or what waits. */
  cause: string;
  /** When the partition's checkpoint last moved (or the fold was last seen caught up), ms since the epoch. */
  since: number;
}

/** A leader read to make of a partition: the stream's first message of it from `fromSeq` on. */
export interface Probe {
  partition: number;
  fromSeq: number;
}

interface Tracked {
  /** The fold's checkpoint as last known: from its reader's start or its last write. */
  checkpoint?: number;
  /** When the checkpoint last moved, or a probe found nothing beyond it while the fold was not failing. */
  progressAt: number;
  lastProbeAt: number;
  /** The fold's last error since it last started reading or wrote. */
  error?: string;
  failingSince?: number;
  /** The first message of the partition beyond the checkpoint, as the last probe found it. */
  waitingSeq?: number;
}

/**
 * What this instance knows of each partition it folds, to tell a fold that moves from one that is
 * stuck. A partition is stuck when its fold has kept failing for more than `stuckAfterMs` (the
 * same error again and again: a value in KV it cannot read, a stream it cannot write), or when its
 * checkpoint has not moved for that long while the stream holds a newer message of it (found by a
 * probe, a read by the stream's leader). A quiet partition, caught up, is never stuck. Pure: the
 * folds report what they do, FoldSupervisor makes the probes, the clock is given.
 */
export class FoldHealth {
  private readonly partitions = new Map<number, Tracked>();
  private readonly probeEveryMs: number;

  constructor(
    private readonly stuckAfterMs: number,
    private readonly now: () => number = Date.now,
  ) {
    // Often enough that a stuck partition shows within half the limit past it.
    this.probeEveryMs = Math.max(500, Math.floor(stuckAfterMs / 2));
  }

  /** A partition this instance now folds; a partition it folded already keeps what is known of it. */
  track(partition: number): void {
    if (this.partitions.has(partition)) return;
    const now = this.now();
    this.partitions.set(partition, { progressAt: now, lastProbeAt: now });
  }

  /** A partition this instance no longer folds: it no longer counts. */
  untrack(partition: number): void {
    this.partitions.delete(partition);
  }

  /** The partitions this instance folds, in ascending order. */
  folding(): number[] {
    return [...this.partitions.keys()].sort((a, b) => a - b);
  }

  /** Each partition folded here whose checkpoint is known, and that checkpoint. */
  checkpoints(): Map<number, number> {
    const known = new Map<number, number>();
    for (const [partition, { checkpoint }] of this.partitions)
      if (checkpoint !== undefined) known.set(partition, checkpoint);
    return known;
  }

  /** The fold (re)started reading after `checkpoint`: whatever failed before, it reads again. */
  opened(partition: number, checkpoint: number): void {
    const tracked = this.partitions.get(partition);
    if (!tracked) return;
    tracked.checkpoint = checkpoint;
    tracked.error = tracked.failingSince = undefined;
  }

  /** The fold wrote its partition up to `lastSeq`. */
  progressed(partition: number, lastSeq: number): void {
    const tracked = this.partitions.get(partition);
    if (!tracked) return;
    if (tracked.checkpoint !== lastSeq) tracked.progressAt = this.now();
    tracked.checkpoint = lastSeq;
    tracked.error = tracked.failingSince = tracked.waitingSeq = undefined;
  }

  /** The fold failed and will start again from its checkpoint in KV. */
  failed(partition: number, error: string): void {
    const tracked = this.partitions.get(partition);
    if (!tracked) return;
    tracked.error = error;
    tracked.failingSince ??= this.now();
  }

  /** The partitions whose checkpoint has not moved since their last probe's time came round. */
  dueProbes(): Probe[] {
    const now = this.now();
    const due: Probe[] = [];
    for (const [partition, tracked] of this.partitions) {
      if (now - Math.max(tracked.progressAt, tracked.lastProbeAt) < this.probeEveryMs) continue;
      due.push({ partition, fromSeq: (tracked.checkpoint ?? 0) + 1 });
    }
    return due;
  }

  /**
   * What a probe found: the partition's first message at or after `fromSeq`, or undefined when
   * there is none (the fold is caught up). A probe from a checkpoint the fold has passed since is
   * out of date, and ignored.
   */
  probed({ partition, fromSeq }: Probe, nextSeq: number | undefined): void {
    const tracked = this.partitions.get(partition);
    if (!tracked || (tracked.checkpoint ?? 0) + 1 !== fromSeq) return;
    const now = this.now();
    tracked.lastProbeAt = now;
    tracked.waitingSeq = nextSeq;
    // Caught up: nothing to do is no lack of progress; a fold that keeps failing is not caught up.
    if (nextSeq === undefined && tracked.error === undefined) tracked.progressAt = now;
  }

  /** The partitions that are stuck now, by partition, in ascending order. */
  stuck(): Map<number, StuckPartition> {
    const now = this.now();
    const stuck = new Map<number, StuckPartition>();
    for (const partition of this.folding()) {
      const tracked = this.partitions.get(partition) as Tracked;
      const failing = tracked.failingSince !== undefined && now - tracked.failingSince > this.stuckAfterMs;
      const lagging = tracked.waitingSeq !== undefined && now - tracked.progressAt > this.stuckAfterMs;
      if (!failing && !lagging) continue;
      const cause =
        tracked.error ??
        `seq ${tracked.waitingSeq} and after not folded (checkpoint ${tracked.checkpoint ?? 'not read yet'})`;
      const seconds = Math.floor((now - tracked.progressAt) / 1000);
      stuck.set(partition, { reason: `no progress for ${seconds} s: ${cause}`, cause, since: tracked.progressAt });
    }
    return stuck;
  }
}
