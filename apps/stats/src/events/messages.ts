// The messages of /ws, assembled from parts that are JSON already: the figures are kept
// serialised by the view, and what a tick adds is serialised once for every client.

/** What every message starts with: the total of processed trades and of refused submissions. */
export interface Counts {
  total: number;
  refused: number;
}

const counts = ({ total, refused }: Counts) => `"total":${total},"refused":${refused}`;

export const snapshotMessage = (current: Counts, pairs: string, countries: string, latest: string): string =>
  `{"event":"snapshot","data":{${counts(current)},"pairs":${pairs},"countries":${countries},"latest":${latest}}}`;

export const transactionsMessage = (current: Counts, items: string, pairs: string, countries: string): string =>
  `{"event":"transactions","data":{${counts(current)},"items":${items},"pairs":${pairs},"countries":${countries}}}`;

export const summaryMessage = (
  current: Counts,
  count: number,
  latest: string,
  pairs: string,
  countries: string,
): string =>
  `{"event":"summary","data":{${counts(current)},"count":${count},"latest":${latest},"pairs":${pairs},"countries":${countries}}}`;
