import { countedInKv, streamContents, workspaceRoot } from '@tradeflow/testing';
import { STREAMS } from '@tradeflow/topology';
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import type { NatsConnection } from 'nats';
import type { LoadResult } from './trade-load';

/** What became of the trades of a run, counted after the system has settled. */
export interface Audit {
  sent: number;
  /** Trades that got a 202. */
  accepted: number;
  /** Trades in TRANSACTIONS. */
  stored: number;
  /** KV `total`. */
  counted: number;
  /** The total a WebSocket client of stats saw last. */
  onWebSocket: number;
  /** Trades that got a 202 and are not in TRANSACTIONS. */
  lost: number;
  /** Trade ids stored more than once. */
  doubled: number;
  /** What `npm run verify` printed, and whether it found every figure in agreement. */
  verify: { agrees: boolean; output: string };
}

const SETTLE_TIMEOUT_MS = 90_000;

export const kvTotal = (nc: NatsConnection): Promise<number> => countedInKv(nc.jetstream({ timeout: 5000 }));

export const streamMessages = async (nc: NatsConnection, timeout = 5000): Promise<number> =>
  (await (await nc.jetstreamManager({ timeout })).streams.info(STREAMS.transactions)).state.messages;

/** Waits until KV has counted every stored trade (or the time is up: the audit then shows the gap). */
export async function settle(nc: NatsConnection): Promise<void> {
  const deadline = Date.now() + SETTLE_TIMEOUT_MS;
  while (Date.now() < deadline) {
    const [stored, counted] = await Promise.all([streamMessages(nc), kvTotal(nc)]).catch(() => [1, 0]);
    if (stored === counted) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** `npm run verify`'s program against the cluster. */
async function runVerify(natsUrl: string): Promise<Audit['verify']> {
  const main = resolve(workspaceRoot(), 'dist/tools/verify/main.js');
  try {
    const { stdout } = await promisify(execFile)(process.execPath, [main], {
      env: { ...process.env, NATS_URL: natsUrl },
    });
    return { agrees: /all figures agree/.test(stdout), output: stdout.trim() };
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    return { agrees: false, output: `${stdout}${stderr}`.trim().slice(-2000) };
  }
}

/** Counts what the load sent against what TRANSACTIONS stores and what KV and the WebSocket say. */
export async function audit(
  nc: NatsConnection,
  natsUrl: string,
  load: LoadResult,
  onWebSocket: number,
): Promise<Audit> {
  const stored = await streamContents<{ id: string }>(nc, STREAMS.transactions);
  const times = new Map<string, number>();
  for (const { data } of stored) times.set(data.id, (times.get(data.id) ?? 0) + 1);
  const lost = [...load.accepted.values()].filter((id) => !times.has(id)).length;
  const doubled = [...times.values()].filter((count) => count > 1).length;
  return {
    sent: load.sent,
    accepted: load.accepted.size,
    stored: stored.length,
    counted: await kvTotal(nc),
    onWebSocket,
    lost,
    doubled,
    verify: await runVerify(natsUrl),
  };
}
