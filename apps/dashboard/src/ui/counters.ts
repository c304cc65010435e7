import type { Formats } from '../lib/format';
import { type Totals, totalsView } from '../lib/totals';
import { setText } from './dom';

export interface CounterElements {
  total: HTMLElement;
  accepted: HTMLElement;
  refused: HTMLElement;
  /** The accepted part of the accepted vs refused bar. */
  acceptedRatio: HTMLElement;
  refusedShare: HTMLElement;
  quarantined: HTMLElement;
}

/** The cards of counts: trades processed, accepted vs refused, quarantined. */
export class Counters {
  constructor(
    private readonly elements: CounterElements,
    private readonly formats: Formats,
  ) {}

  render(totals: Totals): void {
    const view = totalsView(totals, this.formats);
    const { total, accepted, refused, acceptedRatio, refusedShare, quarantined } = this.elements;
    setText(total, view.total);
    setText(accepted, view.accepted);
    setText(refused, view.refused);
    acceptedRatio.parentElement?.classList.toggle('unknown', !view.shareKnown);
    acceptedRatio.style.transform = `scaleX(${view.acceptedScale})`;
    setText(refusedShare, view.refusedShare);
    setText(quarantined, view.quarantined);
  }
}
