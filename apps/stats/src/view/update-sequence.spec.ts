import { UpdateSequence } from './update-sequence';

describe('UpdateSequence', () => {
  test('a chain that starts at the loaded checkpoint and joins up misses nothing', () => {
    const sequence = new UpdateSequence();
    sequence.rebase(new Map([[0, 10]]));
    expect(sequence.missedBefore(0, 10, 15)).toBe(false);
    expect(sequence.missedBefore(0, 15, 16)).toBe(false);
  });

  test('a link that does not start where the last one ended reveals a missed update', () => {
    const sequence = new UpdateSequence();
    sequence.rebase(new Map([[0, 10]]));
    expect(sequence.missedBefore(0, 12, 15)).toBe(true);
    // The chain goes on from there.
    expect(sequence.missedBefore(0, 15, 20)).toBe(false);
    expect(sequence.missedBefore(0, 18, 25)).toBe(true);
  });

  test('a partition absent from KV starts from 0', () => {
    const sequence = new UpdateSequence();
    sequence.rebase(new Map());
    expect(sequence.missedBefore(2, 0, 4)).toBe(false);
    expect(sequence.missedBefore(3, 5, 8)).toBe(true);
  });

  test('updates already folded into the loaded view (or repeated) are no gap', () => {
    const sequence = new UpdateSequence();
    sequence.rebase(new Map([[0, 20]]));
    expect(sequence.missedBefore(0, 10, 15)).toBe(false);
    expect(sequence.missedBefore(0, 15, 20)).toBe(false);
    expect(sequence.missedBefore(0, 20, 22)).toBe(false);
    expect(sequence.missedBefore(0, 20, 22)).toBe(false);
  });

  test('after a reload, updates seen meanwhile beyond the new checkpoint still count', () => {
    const sequence = new UpdateSequence();
    sequence.rebase(new Map([[0, 10]]));
    expect(sequence.missedBefore(0, 10, 30)).toBe(false);
    sequence.rebase(new Map([[0, 25]]));
    expect(sequence.missedBefore(0, 30, 31)).toBe(false);
  });

  test('partitions are independent', () => {
    const sequence = new UpdateSequence();
    sequence.rebase(
      new Map([
        [0, 1],
        [1, 2],
      ]),
    );
    expect(sequence.missedBefore(0, 1, 5)).toBe(false);
    expect(sequence.missedBefore(1, 2, 6)).toBe(false);
    expect(sequence.missedBefore(1, 5, 9)).toBe(true);
  });
});
