import type { Usage } from './proc-usage';
import { inTurn, roundOrder } from './scenarios/rounds';
import { medianCpu, type UsageByProcess } from './scenarios/usage';

jest.mock('./progress', () => ({ progress: () => undefined }));

const cpu = (cpuPercent: number): Usage => ({ cpuPercent, rssMaxMb: 0, rssEndMb: 0 });

describe('bench scenario helpers', () => {
  test('sides take turns: as given in even rounds, reversed in odd ones', () => {
    expect(roundOrder(['one', 'cluster', 'two'], 0)).toEqual(['one', 'cluster', 'two']);
    expect(roundOrder(['one', 'cluster', 'two'], 1)).toEqual(['two', 'cluster', 'one']);
    expect(roundOrder(['baseline', 'system'], 2)).toEqual(['baseline', 'system']);
  });

  test('inTurn runs every side each round and keeps its results in round order', async () => {
    const calls: string[] = [];
    const side = (name: string) => async (round: number) => {
      calls.push(`${name}${round}`);
      return round;
    };
    const results = await inTurn('test', 3, { a: side('a'), b: side('b') });
    expect(calls).toEqual(['a0', 'b0', 'b1', 'a1', 'a2', 'b2']);
    expect(results).toEqual({ a: [0, 1, 2], b: [0, 1, 2] });
  });

  test('median CPU of one process, or of several summed within each run', () => {
    const runs: UsageByProcess[] = [
      { ingest: cpu(80), n1: cpu(30), n2: cpu(10), n3: cpu(12) },
      { ingest: cpu(90), n1: cpu(40), n2: cpu(11), n3: cpu(13) },
      { ingest: cpu(70), n1: cpu(20), n2: cpu(9) }, // n3 not metered: not a run of all three
    ];
    expect(medianCpu(runs, 'ingest')).toBe(80);
    expect(medianCpu(runs, ['n1', 'n2', 'n3'])).toBe((52 + 64) / 2);
    expect(medianCpu(runs, ['ingest', 'ingest 2'])).toBeUndefined();
    expect(medianCpu([], 'ingest')).toBeUndefined();
  });
});
