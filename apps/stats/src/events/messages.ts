// The messages of /ws, assembled from parts that are JSON already: the figures are kept
// serialised by the view, and what a tick adds is serialised once for every client.

export const snapshotMessage = (total: number, pairs: string, countries: string): string =>
  `{"event":"snapshot","data":{"total":${total},"pairs":${pairs},"countries":${countries}}}`;

export const transactionsMessage = (total: number, items: string, pairs: string, countries: string): string =>
  `{"event":"transactions","data":{"total":${total},"items":${items},"pairs":${pairs},"countries":${countries}}}`;

export const summaryMessage = (
  total: number,
  count: number,
  latest: string,
  pairs: string,
  countries: string,
): string =>
  `{"event":"summary","data":{"total":${total},"count":${count},"latest":${latest},"pairs":${pairs},"countries":${countries}}}`;
