import type { FoldHealth } from '@tradeflow/contract';
import type { ConnectionStatus } from './connection';
import { utcTime } from './format';

/** What the connection pill shows: its state (for its colour), its words, and why, when degraded. */
export interface StatusView {
  state: ConnectionStatus['state'] | 'degraded';
  text: string;
  /** The stuck partitions' reasons, for a degraded page; empty otherwise. */
  detail: string;
}

/**
 * The connection's state in words; a live page whose figures do not keep up (the server says a
 * partition of the trades is stuck) is `Degraded`, not `Live`, with the partitions and why.
 */
export function statusView(status: ConnectionStatus, health: FoldHealth, now: number): StatusView {
  switch (status.state) {
    case 'connecting':
      return { state: 'connecting', text: 'Connecting…', detail: '' };
    case 'waiting':
      return { state: 'waiting', text: 'Connected · waiting for data', detail: '' };
    case 'reconnecting': {
      const seconds = Math.ceil(((status.retryAt ?? 0) - now) / 1000);
      const text = seconds > 0 ? `Connection lost · retrying in ${seconds} s` : 'Reconnecting…';
      return { state: 'reconnecting', text, detail: '' };
    }
    case 'live': {
      const stuck = Object.entries(health.partitions).sort(([a], [b]) => Number(a) - Number(b));
      if (health.status === 'ok') return { state: 'live', text: 'Live', detail: '' };
      const names = stuck.map(([partition]) => partition).join(', ');
      const text =
        stuck.length === 0
          ? 'Degraded'
          : `Degraded · ${stuck.length === 1 ? 'partition' : 'partitions'} ${names} stuck`;
      const detail = stuck
        .map(([partition, { reason, since }]) => `partition ${partition} since ${utcTime(since, now)} UTC: ${reason}`)
        .join('; ');
      return { state: 'degraded', text, detail };
    }
  }
}
