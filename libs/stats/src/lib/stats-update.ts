import type { StatsUpdate } from './model';

/**
 * A StatsUpdate as JSON, its items given as the JSON they were stored in: process forwards a
 * batch's trades as they came from the stream instead of serialising each one again.
 */
export function statsUpdateJson(head: Omit<StatsUpdate, 'items'>, itemsJson: readonly string[]): string {
  return `${JSON.stringify(head).slice(0, -1)},"items":[${itemsJson.join(',')}]}`;
}
