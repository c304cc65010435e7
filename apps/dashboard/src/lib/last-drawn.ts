/**
 * The inputs a panel last drew from, so that it redraws only when one of them moves. Inputs are
 * compared by identity: the state replaces a pair's figures, it does not change them in place.
 */
export class LastDrawn<Inputs extends readonly unknown[]> {
  /** `drawn`: what the page shows before the first draw, if that is to count as drawn. */
  constructor(private drawn?: Inputs) {}

  /** Whether `inputs` differ from the last ones; they become the last ones. */
  changed(...inputs: Inputs): boolean {
    const drawn = this.drawn;
    if (drawn && drawn.length === inputs.length && drawn.every((input, i) => input === inputs[i])) return false;
    this.drawn = inputs;
    return true;
  }
}
