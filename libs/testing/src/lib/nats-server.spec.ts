import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect, Events, RetentionPolicy, StorageType, StringCodec, type NatsConnection } from 'nats';
import { freePort, startNatsServer, type NatsServerHandle } from '../index';
import { portAcceptsConnections } from './port-open';

const sc = StringCodec();

function nextReconnect(nc: NatsConnection): Promise<void> {
  return (async () => {
    for await (const status of nc.status()) if (status.type === Events.Reconnect) return;
  })();
}

describe('startNatsServer (real nats-server)', () => {
  const servers: NatsServerHandle[] = [];
  const connections: NatsConnection[] = [];

  async function server(): Promise<NatsServerHandle> {
    const started = await startNatsServer();
    servers.push(started);
    return started;
  }

  afterAll(async () => {
    await Promise.all(connections.map((nc) => nc.close().catch(() => undefined)));
    await Promise.all(servers.map((s) => s.dispose()));
  });

  it('keeps JetStream file-storage data across a crash (kill) and restart on the same port', async () => {
    const nats = await server();
    expect(nats.url).toBe(`nats://127.0.0.1:${nats.port}`);
    const nc = await connect({ servers: nats.url, reconnectTimeWait: 50, maxReconnectAttempts: -1 });
    connections.push(nc);
    const jsm = await nc.jetstreamManager();
    await jsm.streams.add({
      name: 'HARNESS',
      subjects: ['harness.>'],
      storage: StorageType.File,
      retention: RetentionPolicy.Limits,
    });
    const ack = await nc.jetstream().publish('harness.one', sc.encode('survives'));
    expect(ack).toMatchObject({ stream: 'HARNESS', seq: 1, duplicate: false });

    const reconnected = nextReconnect(nc);
    await nats.kill();
    expect(await portAcceptsConnections(nats.port)).toBe(false);
    await nats.start();
    await reconnected;

    const info = await jsm.streams.info('HARNESS');
    expect(info.config.storage).toBe(StorageType.File);
    expect(info.state.messages).toBe(1);
    const stored = await jsm.streams.getMessage('HARNESS', { seq: 1 });
    expect(stored.subject).toBe('harness.one');
    expect(sc.decode(stored.data)).toBe('survives');

    // A brand-new client on the same URL sees the same data.
    const fresh = await connect({ servers: nats.url });
    connections.push(fresh);
    expect((await (await fresh.jetstreamManager()).streams.info('HARNESS')).state.messages).toBe(1);
  });

  it('stop() makes the port refuse connections, is idempotent, and start() brings it back', async () => {
    const nats = await server();
    expect(await portAcceptsConnections(nats.port)).toBe(true);
    await Promise.all([nats.stop(), nats.stop()]);
    await nats.stop();
    expect(await portAcceptsConnections(nats.port)).toBe(false);
    await nats.start();
    const nc = await connect({ servers: nats.url });
    connections.push(nc);
    await nc.flush();
    await nc.close();
  });

  it('dispose() stops the server and removes the store dir', async () => {
    const nats = await server();
    expect(existsSync(nats.storeDir)).toBe(true);
    await nats.dispose();
    expect(existsSync(nats.storeDir)).toBe(false);
    expect(await portAcceptsConnections(nats.port)).toBe(false);
    await expect(nats.start()).rejects.toThrow(/disposed/);
    await nats.dispose();
  });

  it('runs two servers at once on different ports and store dirs', async () => {
    const [a, b] = await Promise.all([server(), server()]);
    expect(a.port).not.toBe(b.port);
    expect(a.storeDir).not.toBe(b.storeDir);
    const [ncA, ncB] = await Promise.all([connect({ servers: a.url }), connect({ servers: b.url })]);
    connections.push(ncA, ncB);
    expect(ncA.info?.server_id).not.toBe(ncB.info?.server_id);
  });

  it('fails clearly when the binary does not exist', async () => {
    await expect(startNatsServer({ binary: '/nonexistent/nats-server' })).rejects.toThrow(
      'run `npm test` (it installs it) or set NATS_SERVER_BIN',
    );
    const saved = process.env['PATH'];
    process.env['PATH'] = '/nonexistent';
    try {
      await expect(startNatsServer({ binary: 'nats-server' })).rejects.toThrow(
        'nats-server not found on PATH: run `npm test` (it installs it) or set NATS_SERVER_BIN',
      );
    } finally {
      process.env['PATH'] = saved;
    }
  });

  it('rejects with the process log when it exits before it is ready', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tradeflow-fake-nats-'));
    try {
      const fake = join(dir, 'nats-server');
      await writeFile(fake, '#!/bin/sh\necho "fatal: pretend startup failure" >&2\nexit 3\n', { mode: 0o755 });
      await expect(startNatsServer({ binary: fake })).rejects.toThrow(
        /exited \(code 3\) before it was ready:\n.*fatal: pretend startup failure/,
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('freePort() returns a port that can be bound', async () => {
    const port = await freePort();
    expect(port).toBeGreaterThan(0);
    expect(await portAcceptsConnections(port)).toBe(false);
  });
});
