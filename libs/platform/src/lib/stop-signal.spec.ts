import { StopSignal } from './stop-signal';

beforeEach(() => jest.useFakeTimers());
afterEach(() => jest.useRealTimers());

describe('StopSignal', () => {
  test('sleep ends early once stopped, and whenStopped resolves', async () => {
    const stopSignal = new StopSignal();
    let slept = false;
    void stopSignal.sleep(10_000).then(() => (slept = true));
    await jest.advanceTimersByTimeAsync(1000);
    expect(slept).toBe(false);

    stopSignal.stop();
    await jest.advanceTimersByTimeAsync(0);
    expect(slept).toBe(true);
    expect(stopSignal.stopped).toBe(true);
    expect(stopSignal.signal.aborted).toBe(true);
    await expect(stopSignal.whenStopped).resolves.toBeUndefined();
  });

  test('repeat runs the task again when it returns, the same delay after each failure, until stopped', async () => {
    const stopSignal = new StopSignal();
    const outcomes = ['fail', 'fail', 'fail', 'return', 'fail'];
    const started: number[] = [];
    const task = jest.fn(async () => {
      started.push(Date.now());
      const outcome = outcomes.shift();
      if (outcome === 'fail') throw new Error('failed');
      if (outcome === undefined) await stopSignal.whenStopped;
    });
    const onError = jest.fn();
    const repeating = stopSignal.repeat(task, onError, 300);

    await jest.advanceTimersByTimeAsync(2000);
    const since = started.map((at) => at - started[0]);
    expect(since).toEqual([0, 300, 600, 900, 900, 1200]);
    expect(onError).toHaveBeenCalledTimes(4);

    stopSignal.stop();
    await repeating;
    expect(task).toHaveBeenCalledTimes(6);
  });
});
