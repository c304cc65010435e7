/** Keeps 0.29 × 100 (28.999999999999996 in binary) from falling a whole trade short. */
const FLOAT_SLACK = 1e-9;

/**
 * Decides which trades get something (a mistake, an off-market rate) so that `floor(n × fraction)`
 * of the first n do: evenly spread rather than drawn at random, so a short run has its share too.
 */
export class EvenShare {
  private decided = 0;

  constructor(private readonly fraction: number) {}

  next(): boolean {
    const before = this.amongFirst(this.decided);
    this.decided++;
    return this.amongFirst(this.decided) > before;
  }

  private amongFirst(n: number): number {
    return Math.floor(n * this.fraction + FLOAT_SLACK);
  }
}
