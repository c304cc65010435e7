import { FoldHealth } from './fold-health';

// The clock is the test's: seconds go by as it says.
const STUCK_AFTER_MS = 10_000;
let now = 0;
const health = () => new FoldHealth(STUCK_AFTER_MS, () => now);
const advance = (ms: number) => (now += ms);

beforeEach(() => (now = 1_000_000));

describe('FoldHealth', () => {
  test('a partition that moves, or that is caught up, is never stuck, however long', () => {
    const folds = health();
    folds.track(1);
    folds.opened(1, 0);
    for (let second = 1; second <= 60; second++) {
      advance(1000);
      if (second < 30) folds.progressed(1, second * 10);
      // Quiet from 30 s on: each probe finds nothing beyond the checkpoint.
      else for (const probe of folds.dueProbes()) folds.probed(probe, undefined);
      expect(folds.stuck()).toEqual(new Map());
    }
  });

  test('a fold that keeps failing is stuck once the limit has passed, naming its last error; it moves again and is not', () => {
    const folds = health();
    folds.track(1);
    folds.opened(1, 40);
    folds.progressed(1, 50);
    advance(1000);
    for (let second = 0; second <= 10; second++) {
      folds.failed(1, `Unexpected token 'g', "garbage" is not valid JSON (${second})`);
      expect(folds.stuck().size).toBe(0);
      advance(1000);
    }
    folds.failed(1, 'Unexpected token \'g\', "garbage" is not valid JSON');
    expect(folds.stuck()).toEqual(
      new Map([
        [
          1,
          {
            reason: 'no progress for 12 s: Unexpected token \'g\', "garbage" is not valid JSON',
            cause: 'Unexpected token \'g\', "garbage" is not valid JSON',
            since: 1_000_000,
          },
        ],
      ]),
    );
    // Probes that find nothing do not clear a fold that fails: it cannot read to know.
    for (const probe of folds.dueProbes()) folds.probed(probe, undefined);
    expect(folds.stuck().size).toBe(1);
    folds.opened(1, 0);
    expect(folds.stuck().size).toBe(0);
    folds.progressed(1, 60);
    advance(STUCK_AFTER_MS * 3);
    for (const probe of folds.dueProbes()) folds.probed(probe, undefined);
    expect(folds.stuck().size).toBe(0);
  });

  test('a checkpoint that does not move while the stream holds newer messages is stuck, even when each retry starts reading', () => {
    const folds = health();
    folds.track(2);
    folds.opened(2, 7);
    for (let second = 1; second <= 12; second++) {
      advance(1000);
      // Each round reads again, then its write fails: the error never lasts, the checkpoint never moves.
      folds.opened(2, 7);
      folds.failed(2, "partition 2's checkpoint in KV is 9, not 7 where the batch starts");
      for (const probe of folds.dueProbes()) {
        expect(probe).toEqual({ partition: 2, fromSeq: 8 });
        folds.probed(probe, 8);
      }
    }
    expect(folds.stuck().get(2)?.reason).toBe(
      "no progress for 12 s: partition 2's checkpoint in KV is 9, not 7 where the batch starts",
    );
    folds.opened(2, 7);
    expect(folds.stuck().get(2)?.reason).toBe('no progress for 12 s: seq 8 and after not folded (checkpoint 7)');
    folds.progressed(2, 9);
    expect(folds.stuck().size).toBe(0);
  });

  test('probes only partitions whose checkpoint has not moved for half the limit, and ignores one from a checkpoint passed since', () => {
    const folds = health();
    folds.track(0);
    folds.track(3);
    folds.opened(0, 0);
    folds.opened(3, 0);
    advance(4000);
    folds.progressed(0, 5);
    advance(1000);
    expect(folds.dueProbes()).toEqual([{ partition: 3, fromSeq: 1 }]);
    const [stale] = folds.dueProbes();
    folds.progressed(3, 4);
    folds.probed(stale, 2);
    advance(STUCK_AFTER_MS + 1);
    expect(folds.stuck().size).toBe(0);
    expect(folds.dueProbes()).toEqual([
      { partition: 0, fromSeq: 6 },
      { partition: 3, fromSeq: 5 },
    ]);
  });

  test('knows the checkpoint of each partition it folds once its fold has read it, and moves it with the writes', () => {
    const folds = health();
    folds.track(0);
    folds.track(1);
    expect(folds.checkpoints()).toEqual(new Map());
    folds.opened(1, 7);
    folds.opened(0, 0);
    folds.progressed(1, 12);
    expect(folds.checkpoints()).toEqual(
      new Map([
        [0, 0],
        [1, 12],
      ]),
    );
    folds.untrack(1);
    expect(folds.checkpoints()).toEqual(new Map([[0, 0]]));
  });

  test('only the partitions this instance folds count, and a partition kept keeps its history', () => {
    const folds = health();
    folds.track(2);
    folds.track(0);
    expect(folds.folding()).toEqual([0, 2]);
    folds.failed(2, 'boom');
    advance(STUCK_AFTER_MS + 1);
    folds.track(2);
    folds.failed(2, 'boom');
    expect([...folds.stuck().keys()]).toEqual([2]);
    folds.untrack(2);
    expect(folds.folding()).toEqual([0]);
    expect(folds.stuck().size).toBe(0);
    folds.failed(2, 'reported by a fold stopping');
    folds.progressed(2, 3);
    expect(folds.folding()).toEqual([0]);
  });
});
