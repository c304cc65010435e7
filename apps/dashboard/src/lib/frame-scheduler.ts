import type { FrameReason } from './redraw';

/**
 * Draws at most once an animation frame: every request made before the frame comes is drawn in it,
 * once, with all their reasons.
 */
export class FrameScheduler {
  private reasons = new Set<FrameReason>();
  private requested = false;

  constructor(
    private readonly requestFrame: (callback: () => void) => void,
    private readonly draw: (reasons: ReadonlySet<FrameReason>) => void,
  ) {}

  /** No reason: the state changed, which the draw asks the state itself. */
  request(reason?: FrameReason): void {
    if (reason) this.reasons.add(reason);
    if (this.requested) return;
    this.requested = true;
    this.requestFrame(() => this.frame());
  }

  private frame(): void {
    this.requested = false;
    const reasons = this.reasons;
    this.reasons = new Set();
    this.draw(reasons);
  }
}
