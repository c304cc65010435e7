import type { FigureKind } from './figure-kind';
import type { Partitioned, SequencedTrade } from './model';

/** One partition's figures and the last seq folded into them. */
type Share<F> = F & { lastSeq: number };

/** The figures of a stored value without its per-partition shares: what clients are sent. */
export function withoutPartitions<F>(value: Partitioned<F>): F {
  const { partitions: _shares, ...figures } = value;
  return figures as F;
}

const withoutLastSeq = <F>(share: Share<F>): F => {
  const { lastSeq: _lastSeq, ...figures } = share;
  return figures as F;
};

const byPartitionNumber = (a: string, b: string) => Number(a) - Number(b);

/** Every partition's share merged, in ascending partition order so that the result is always the same. */
function mergeShares<F>(kind: FigureKind<F>, shares: Record<string, Share<F>>): F {
  const [first, ...rest] = Object.keys(shares)
    .sort(byPartitionNumber)
    .map((partition) => withoutLastSeq(shares[partition]));
  return rest.reduce((merged, share) => kind.merge(merged, share), first);
}

/** The trades not counted yet: each one's seq above the last counted, so a repeat counts once. */
function uncounted(trades: SequencedTrade[], lastSeq = -Infinity): SequencedTrade[] {
  const fresh: SequencedTrade[] = [];
  for (const sequenced of trades) {
    if (sequenced.seq <= lastSeq) continue;
    fresh.push(sequenced);
    lastSeq = sequenced.seq;
  }
  return fresh;
}

/**
 * Folds one partition's trades (ascending seq) into a key's value: its share of that partition,
 * then the merged figures. A trade at or below the share's lastSeq was counted already and is
 * skipped; the others are summed up together and added to the share at once. Returns undefined
 * when no trade was new to the share.
 */
export function foldShare<F>(
  kind: FigureKind<F>,
  value: Partitioned<F> | undefined,
  partition: number,
  trades: SequencedTrade[],
): Partitioned<F> | undefined {
  const name = String(partition);
  const stored = value?.partitions[name];
  const fresh = uncounted(trades, stored?.lastSeq);
  if (fresh.length === 0) return undefined;
  const figures = kind.ofTrades(fresh.map(({ trade }) => trade));
  const share = { ...(stored ? kind.append(stored, figures) : figures), lastSeq: fresh[fresh.length - 1].seq };
  const partitions = { ...value?.partitions, [name]: share };
  return { ...mergeShares(kind, partitions), partitions };
}
