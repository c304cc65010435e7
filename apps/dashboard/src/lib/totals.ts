import { type Formats, NONE } from './format';
import type { DashboardState } from './state';

/** The counts the counters show, as the page's state holds them. */
export type Totals = Pick<DashboardState, 'loaded' | 'total' | 'refused' | 'quarantined'>;

/** The counters in words: processed, accepted vs refused (with the accepted share as a bar), quarantined. */
export interface TotalsView {
  total: string;
  accepted: string;
  refused: string;
  /** Whether the accepted share is known: until then its bar shows as unknown, full. */
  shareKnown: boolean;
  /** The accepted bar's horizontal scale, 0 to 1. */
  acceptedScale: string;
  refusedShare: string;
  quarantined: string;
}

/** Until the first snapshot the counts mean nothing, and without the refused count there is no share. */
export function totalsView(totals: Totals, formats: Formats): TotalsView {
  const known = totals.loaded && totals.refused !== undefined;
  const all = totals.total + (totals.refused ?? 0);
  const total = totals.loaded ? formats.count(totals.total) : NONE;
  return {
    total,
    accepted: total,
    refused: formats.count(totals.refused),
    shareKnown: known && all > 0,
    acceptedScale: known && all > 0 ? (totals.total / all).toFixed(4) : '1',
    refusedShare: `refused share ${known ? formats.share(totals.refused, all) : NONE}`,
    quarantined: `${formats.count(totals.quarantined)} quarantined`,
  };
}
