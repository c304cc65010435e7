import type { StatusView } from '../lib/status';
import { setText } from './dom';

/** The header's connection badge: its state (its colour), its words, and why when degraded. */
export class ConnectionBadge {
  constructor(
    private readonly badge: HTMLElement,
    private readonly text: HTMLElement,
    private readonly detail: HTMLElement,
  ) {}

  render(view: StatusView): void {
    this.badge.dataset['state'] = view.state;
    setText(this.text, view.text);
    setText(this.detail, view.detail);
    this.detail.hidden = view.detail === '';
    this.badge.title = view.detail;
  }
}
