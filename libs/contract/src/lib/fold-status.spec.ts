import { readFoldStatus } from './fold-status';

const status = {
  instance: 'host-1',
  partitions: { 0: { state: 'ok' }, 1: { state: 'stuck', reason: 'no progress', since: '2026-01-02T10:00:00.000Z' } },
};

describe('readFoldStatus', () => {
  test('reads an instance and each partition it folds, ok or stuck with why and since when', () => {
    expect(readFoldStatus(JSON.stringify(status))).toEqual(status);
    expect(readFoldStatus('{"instance":"host-2","partitions":{}}')).toEqual({ instance: 'host-2', partitions: {} });
  });

  test('keeps only what it knows of a partition', () => {
    const extra = { instance: 'a', partitions: { 3: { state: 'ok', note: 'x' } } };
    expect(readFoldStatus(JSON.stringify(extra))).toEqual({ instance: 'a', partitions: { 3: { state: 'ok' } } });
  });

  test.each([
    ['not JSON', '{'],
    ['null', 'null'],
    ['an array', '[]'],
    ['no instance', JSON.stringify({ partitions: {} })],
    ['an empty instance', JSON.stringify({ ...status, instance: '' })],
    ['partitions that are not an object', JSON.stringify({ ...status, partitions: [] })],
    ['a partition that is no number', JSON.stringify({ ...status, partitions: { x: { state: 'ok' } } })],
    ['a partition number with a leading zero', JSON.stringify({ ...status, partitions: { '01': { state: 'ok' } } })],
    ['an unknown state', JSON.stringify({ ...status, partitions: { 1: { state: 'fine' } } })],
    [
      'a stuck partition without a reason',
      JSON.stringify({ ...status, partitions: { 1: { state: 'stuck', since: 'x' } } }),
    ],
    [
      'a reason that is too long',
      JSON.stringify({ ...status, partitions: { 1: { state: 'stuck', reason: 'x'.repeat(1001), since: 'x' } } }),
    ],
  ])('refuses %s', (_, text) => {
    expect(readFoldStatus(text)).toBeNull();
  });
});
