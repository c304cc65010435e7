import { readStatsUpdate } from './stats-update';

const update = { partition: 1, previousSeq: 4, lastSeq: 9, partitionTotal: 12, items: [{ id: 'a' }] };

describe('readStatsUpdate', () => {
  test('reads an update', () => {
    expect(readStatsUpdate(JSON.stringify(update))).toEqual(update);
  });

  test.each([
    ['not JSON', '{'],
    ['null', 'null'],
    ['an array', '[]'],
    ['a partition that is not a count', JSON.stringify({ ...update, partition: -1 })],
    ['a sequence that is a string', JSON.stringify({ ...update, lastSeq: '9' })],
    ['a missing partition total', JSON.stringify({ ...update, partitionTotal: undefined })],
    ['the total of a former version instead', JSON.stringify({ ...update, partitionTotal: undefined, total: 12 })],
    ['items that are not a list', JSON.stringify({ ...update, items: {} })],
  ])('refuses %s', (_, text) => {
    expect(readStatsUpdate(text)).toBeNull();
  });
});
