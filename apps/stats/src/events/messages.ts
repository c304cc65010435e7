// The messages of /ws, assembled from parts that are JSON already: the figures are kept
// serialised by the view, and what a tick adds is serialised once for every client.

/** What every message but `health` starts with: processed trades, refused submissions, messages set aside. */
export interface Counts {
  total: number;
  refused: number;
  quarantined: number;
}

const counts = ({ total, refused, quarantined }: Counts) =>
  `"total":${total},"refused":${refused},"quarantined":${quarantined}`;

/** `health`: the fold's health as clients are told it, `{"status":"ok"|"degraded","partitions":{…}}`. */
export const snapshotMessage = (current: Counts, pairs: string, countries: string, latest: string, health: string): string =>
  `{"event":"snapshot","data":{${counts(current)},"pairs":${pairs},"countries":${countries},"latest":${latest},"health":${health}}}`;

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

/** Sent to every client when the fold's health changes; a snapshot carries it too. */
export const healthMessage = (health: string): string => `{"event":"health","data":${health}}`;
