import { once } from 'node:events';
import { type AddressInfo, connect as connectTcp, createServer, type Server } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { EXAMPLE_TRADE as REFERENCE_TRADE, type Trade } from '@tradeflow/contract';
import {
  type AppProcess,
  type NatsServerHandle,
  spawnApp,
  startNatsServer,
  streamContents,
  untilHealthy,
} from '@tradeflow/testing';
import { BUCKETS, STREAMS } from '@tradeflow/topology';
import { connect } from 'nats';

// `kill -9` of an ingest at the two instants that matter to an Idempotency-Key, then the client's
// retry on a second ingest: just after the key's claim reached the server (the trade not yet
// stored), and just after the trade reached TRANSACTIONS (not yet confirmed, nor answered). The
// first ingest talks to NATS through a proxy that lets nothing more through after that publish,
// so the instant is exact. Either way the retry stores the trade once and answers its id; within
// the duplicate window it publishes the claim again, after it (a window of one second) it looks
// the trade up in TRANSACTIONS.

/**
 * A proxy in front of a nats-server that passes a client's protocol on until the client publishes
 * on a subject starting with `prefix`: that message reaches the server, and from then on nothing
 * passes either way; `frozen` resolves.
 */
async function freezingProxy(serverUrl: string, prefix: string) {
  const { hostname, port } = new URL(serverUrl);
  let signalFrozen!: () => void;
  const frozen = new Promise<void>((resolve) => (signalFrozen = resolve));
  let isFrozen = false;
  const proxy: Server = createServer((client) => {
    const upstream = connectTcp(Number(port), hostname);
    upstream.pipe(client);
    for (const socket of [client, upstream]) socket.on('error', () => undefined);
    client.on('close', () => upstream.destroy());
    let unsent = Buffer.alloc(0);
    client.on('data', (chunk: Buffer) => {
      unsent = Buffer.concat([unsent, chunk]);
      while (!isFrozen) {
        const lineEnd = unsent.indexOf('\r\n');
        if (lineEnd < 0) return;
        const [verb, subject, ...rest] = unsent.subarray(0, lineEnd).toString().split(' ');
        const publish = verb === 'PUB' || verb === 'HPUB';
        // PUB <subject> [reply] <size>, HPUB <subject> [reply] <header size> <total size>: a payload follows.
        const length = publish ? lineEnd + 2 + Number(rest.at(-1)) + 2 : lineEnd + 2;
        if (unsent.length < length) return;
        upstream.write(unsent.subarray(0, length));
        unsent = unsent.subarray(length);
        if (publish && subject.startsWith(prefix)) {
          // Its acknowledgement must not come back either: the process is as good as dead.
          upstream.unpipe(client);
          isFrozen = true;
          signalFrozen();
        }
      }
    });
  });
  proxy.listen(0, '127.0.0.1');
  await once(proxy, 'listening');
  const url = `nats://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
  return { url, frozen, close: () => proxy.close() };
}

let server: NatsServerHandle;
const ingests: AppProcess[] = [];
const proxies: { close(): void }[] = [];

beforeEach(async () => {
  server = await startNatsServer();
});

afterEach(async () => {
  for (const ingest of ingests.splice(0)) await ingest.kill();
  for (const proxy of proxies.splice(0)) proxy.close();
  await server?.dispose();
});

async function startIngest(natsUrl: string, environment: Record<string, string>): Promise<AppProcess> {
  const ingest = await spawnApp('ingest', { NATS_URL: natsUrl, ...environment });
  ingests.push(ingest);
  await untilHealthy(ingest.url, { timeoutMs: 20_000, alive: ingest.running, context: ingest.output });
  return ingest;
}

const TRADE = { ...REFERENCE_TRADE, userId: 'crash-retry' };

async function storedIds(): Promise<string[]> {
  const nc = await connect({ servers: server.url });
  try {
    return (await streamContents<Trade>(nc, STREAMS.transactions)).map((message) => message.data.id);
  } finally {
    await nc.close();
  }
}

/** One attempt: the answer's status and id; status 0 when the connection was lost. */
async function send(ingest: AppProcess): Promise<{ status: number; id?: string }> {
  const response = await fetch(`${ingest.url}/transactions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': 'crash-order-1' },
    body: JSON.stringify(TRADE),
  }).catch(() => undefined);
  const body = (await response?.json().catch(() => undefined)) as { id?: string } | undefined;
  return { status: response && body ? response.status : 0, id: body?.id };
}

/** Retries while answered 503, as a client honouring Retry-After does. */
async function sendUntilAnswered(ingest: AppProcess): Promise<{ status: number; id?: string }> {
  for (let attempt = 0; ; attempt++) {
    const answer = await send(ingest);
    if (answer.status !== 503 || attempt === 60) return answer;
    await sleep(250);
  }
}

describe.each([
  ['within the duplicate window', {}, 0],
  ['after the duplicate window', { DUPLICATE_WINDOW_SECONDS: '1', PUBLISH_TIMEOUT_MS: '1000' }, 2500],
])('the retry %s', (_, environment, retryAfterMs) => {
  test.each([
    ['the claim reached the bucket, the trade was not stored', `$KV.${BUCKETS.idempotency}.`, 0],
    ['the trade reached TRANSACTIONS, unconfirmed and unanswered', 'tx.accepted.', 1],
  ])(
    'kill -9 once %s: the retry stores the trade once and answers its id',
    async (_, lastPublish, storedBeforeRetry) => {
      const proxy = await freezingProxy(server.url, lastPublish);
      proxies.push(proxy);
      const first = await startIngest(proxy.url, environment);
      const lost = send(first);
      await proxy.frozen;
      await first.kill();
      expect((await lost).status).toBe(0);
      expect(await storedIds()).toHaveLength(storedBeforeRetry);

      const second = await startIngest(server.url, environment);
      await sleep(retryAfterMs);
      const retried = await sendUntilAnswered(second);
      expect(retried).toEqual({ status: 202, id: expect.any(String) });
      expect(await send(second)).toEqual(retried);

      expect(await storedIds()).toEqual([retried.id]);
    },
    60_000,
  );
});
