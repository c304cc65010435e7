/**
 * Notices a missed `stats.updates` message. Process publishes, per partition, a chain of updates
 * in which each `previousSeq` is the `lastSeq` before it; a link that does not join the chain
 * means one went missing (core NATS does not redeliver). Where the chain starts is the partition's
 * fold checkpoint in KV when the view was loaded: process writes KV before it publishes, so every
 * update beyond that checkpoint is still to come, and the first must start exactly there.
 */
export class UpdateSequence {
  private readonly seen = new Map<number, number>();
  private loaded = new Map<number, number>();

  /** The view was (re)loaded from KV with these checkpoints. */
  rebase(checkpoints: ReadonlyMap<number, number>): void {
    this.loaded = new Map(checkpoints);
  }

  /** Records an update; true when it reveals that an earlier one was missed. */
  missedBefore(partition: number, previousSeq: number, lastSeq: number): boolean {
    const expected = Math.max(this.seen.get(partition) ?? 0, this.loaded.get(partition) ?? 0);
    // At or below what is known already: folded before the view was loaded, or a repeat.
    if (lastSeq <= expected) return false;
    this.seen.set(partition, lastSeq);
    return previousSeq !== expected;
  }
}
