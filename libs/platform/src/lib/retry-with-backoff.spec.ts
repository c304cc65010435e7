import { retryWithBackoff } from './retry-with-backoff';

/** An attempt that fails `failures` times ("failure 1", …), then resolves 'done'. */
function failingTimes(failures: number) {
  let calls = 0;
  return jest.fn(async () => {
    if (++calls <= failures) throw new Error(`failure ${calls}`);
    return 'done';
  });
}

const retry = (attempt: () => Promise<string>, signal = new AbortController().signal, onFailure = jest.fn()) =>
  retryWithBackoff(attempt, { firstDelayMs: 100, maxDelayMs: 500, signal, onFailure });

beforeEach(() => jest.useFakeTimers());
afterEach(() => jest.useRealTimers());

describe('retryWithBackoff', () => {
  test('a first success ends it at once, with the result and no failure told', async () => {
    const attempt = failingTimes(0);
    const onFailure = jest.fn();
    await expect(retry(attempt, undefined, onFailure)).resolves.toBe('done');
    await jest.advanceTimersByTimeAsync(10_000);
    expect(attempt).toHaveBeenCalledTimes(1);
    expect(onFailure).not.toHaveBeenCalled();
  });

  test('waits after each failure twice as long as before, up to the cap, and ends with the first success', async () => {
    const attempt = failingTimes(5);
    const onFailure = jest.fn();
    const result = retry(attempt, undefined, onFailure);

    await jest.advanceTimersByTimeAsync(0);
    expect(attempt).toHaveBeenCalledTimes(1);
    for (const [index, delayMs] of [100, 200, 400, 500, 500].entries()) {
      expect(onFailure).toHaveBeenLastCalledWith(new Error(`failure ${index + 1}`), delayMs);
      await jest.advanceTimersByTimeAsync(delayMs - 1);
      expect(attempt).toHaveBeenCalledTimes(index + 1);
      await jest.advanceTimersByTimeAsync(1);
      expect(attempt).toHaveBeenCalledTimes(index + 2);
    }

    await expect(result).resolves.toBe('done');
    expect(onFailure).toHaveBeenCalledTimes(5);
    await jest.advanceTimersByTimeAsync(10_000);
    expect(attempt).toHaveBeenCalledTimes(6);
  });

  test('a first delay above the cap is capped too', async () => {
    const onFailure = jest.fn();
    const signal = new AbortController().signal;
    const result = retryWithBackoff(failingTimes(1), { firstDelayMs: 1000, maxDelayMs: 300, signal, onFailure });
    await jest.advanceTimersByTimeAsync(300);
    await expect(result).resolves.toBe('done');
    expect(onFailure).toHaveBeenCalledWith(new Error('failure 1'), 300);
  });

  test('an abort during a wait ends it at once, with undefined and no further attempt', async () => {
    const attempt = failingTimes(Infinity);
    const controller = new AbortController();
    let outcome: unknown = 'pending';
    void retry(attempt, controller.signal).then((result) => (outcome = result));
    await jest.advanceTimersByTimeAsync(100 + 50);
    expect(attempt).toHaveBeenCalledTimes(2);

    controller.abort();
    await jest.advanceTimersByTimeAsync(0);
    expect(outcome).toBeUndefined();
    expect(jest.getTimerCount()).toBe(0);
    await jest.advanceTimersByTimeAsync(10_000);
    expect(attempt).toHaveBeenCalledTimes(2);
  });

  test('an abort during an attempt lets it finish, tells its failure, and starts no other', async () => {
    const controller = new AbortController();
    const attempt = jest.fn(async () => {
      controller.abort();
      throw new Error('closed by the shutdown');
    });
    const onFailure = jest.fn();
    await expect(retry(attempt, controller.signal, onFailure)).resolves.toBeUndefined();
    expect(attempt).toHaveBeenCalledTimes(1);
    expect(onFailure).toHaveBeenCalledWith(new Error('closed by the shutdown'), 100);
  });

  test('starts no attempt once aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    const attempt = failingTimes(0);
    await expect(retry(attempt, controller.signal)).resolves.toBeUndefined();
    expect(attempt).not.toHaveBeenCalled();
  });
});
