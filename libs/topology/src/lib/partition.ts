const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/**
 * The partition of a user's trades: FNV-1a of the userId modulo the partition count. Stable across
 * processes and releases, so all of a user's trades land on one `tx.accepted.<n>` subject, in order.
 */
export function partitionOf(userId: string, partitions: number): number {
  let hash = FNV_OFFSET;
  for (let i = 0; i < userId.length; i++) {
    hash = Math.imul(hash ^ userId.charCodeAt(i), FNV_PRIME) >>> 0;
  }
  return hash % partitions;
}
