import { acceptedSubject, partitionOf } from '../index';

describe('partitionOf', () => {
  test('is the FNV-1a hash of the userId modulo the partition count', () => {
    // 0xe40c292c and 0xbf9cf968 are the published FNV-1a 32-bit hashes of "a" and "foobar".
    expect(partitionOf('a', 1000)).toBe(0xe40c292c % 1000);
    expect(partitionOf('foobar', 7)).toBe(0xbf9cf968 % 7);
  });

  test('keeps every user on one partition and spreads users over all of them', () => {
    const counts = new Array(4).fill(0);
    for (let user = 0; user < 4000; user++) counts[partitionOf(`user-${user}`, 4)]++;
    expect(counts.every((count) => count > 800 && count < 1200)).toBe(true);
    expect(partitionOf('user-1', 4)).toBe(partitionOf('user-1', 4));
  });

  test('names the partition subject', () => {
    expect(acceptedSubject(3)).toBe('tx.accepted.3');
  });
});
