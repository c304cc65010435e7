import { natsServerVersion, supportsSyncInterval } from '@tradeflow/testing';

export interface SyncAlwaysSetting {
  /** Whether the nodes' configuration gets `jetstream { sync_interval: always }`. */
  syncAlways: boolean;
  /** What to tell the user, when --sync-always was asked for. */
  notice?: string;
}

/**
 * --sync-always where the server takes it. nats-server 2.9 refuses to start on a configuration
 * with `sync_interval`, so on such a server the cluster is started without it, and the user told
 * why and what the default means: stopping instead would leave 2.9 users (Debian's) no cluster.
 */
export function syncAlwaysSetting(requested: boolean, binary?: string): SyncAlwaysSetting {
  if (!requested) return { syncAlways: false };
  const version = natsServerVersion(binary);
  if (supportsSyncInterval(binary)) {
    return {
      syncAlways: true,
      notice: `--sync-always: nats-server ${version} runs with jetstream { sync_interval: always }: every write is on disk before it is acknowledged`,
    };
  }
  return {
    syncAlways: false,
    notice:
      `--sync-always is not supported by nats-server ${version}: jetstream sync_interval needs 2.10 or newer (2.9 refuses the option). ` +
      'Going on without it: JetStream writes to disk every two minutes. For it, put nats-server 2.10+ on PATH or in NATS_SERVER_BIN.',
  };
}
