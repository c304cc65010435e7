import {
  type AppProcess,
  eventually,
  getJson,
  type NatsServerHandle,
  spawnApp,
  startNatsServer,
  type StartNatsServerOptions,
} from '@tradeflow/testing';

// A broker ingest cannot use, one without JetStream or one that refuses ingest's connection, is a
// 503 on /health naming why and a log line at every retry, the waits growing: never a crash. Node
// is told to only warn of an unhandled rejection (by default it would exit), so that the output
// says so when there is one.
describe.each<[string, StartNatsServerOptions, RegExp, RegExp]>([
  [
    'runs without JetStream',
    { jetStream: false },
    /^JetStream not available: not enabled on the server$/,
    /JetStream not available at [^,]+, retrying in (\d+) ms: not enabled on the server/g,
  ],
  [
    'refuses the client',
    { authToken: 'a token ingest lacks' },
    /^not connected to NATS at nats:\/\/127\.0\.0\.1:\d+: .*Authorization Violation/,
    /connecting to nats:\/\/127\.0\.0\.1:\d+ failed, retrying in (\d+) ms: .*Authorization Violation/g,
  ],
])('a nats-server that %s', (_, serverOptions, reason, retryLine) => {
  let server: NatsServerHandle;
  let ingest: AppProcess;

  beforeAll(async () => {
    server = await startNatsServer(serverOptions);
    ingest = await spawnApp('ingest', { NATS_URL: server.url, NODE_OPTIONS: '--unhandled-rejections=warn' });
  });

  afterAll(async () => {
    await ingest?.stop();
    await server?.dispose();
  });

  const health = () => getJson(`${ingest.url}/health`);
  const retryDelays = () => [...ingest.output().matchAll(retryLine)].map((match) => Number(match[1]));

  test('leaves ingest up, answering /health 503 with the reason, and retrying with growing waits', async () => {
    await eventually(async () => {
      const answer = await health();
      expect(answer.status).toBe(503);
      expect(answer.body.error.jetstream.reason).toMatch(reason);
    }, 20_000);

    await eventually(() => expect(retryDelays().length).toBeGreaterThanOrEqual(2), 30_000);
    expect(retryDelays().slice(0, 2)).toEqual([500, 1000]);
    expect((await health()).status).toBe(503);
    expect(ingest.output()).not.toMatch(/unhandled/i);
  });
});
