import {
  type AppProcess,
  createJwtAccount,
  createNkeyUser,
  createTlsFiles,
  eventually,
  getJson,
  natsConfigFile,
  type NatsServerHandle,
  passwordUserConfig,
  privateFile,
  spawnApp,
  startNatsServer,
  type TlsFiles,
  untilHealthy,
} from '@tradeflow/testing';

// Each way to authenticate and TLS, against a real nats-server that requires it: ingest with the
// right credentials connects and answers /health 200; with wrong ones it stays up, logs that
// authentication failed at each retry, the waits growing, and answers /health 503 with the reason.
// Node is told to only warn of an unhandled rejection (by default it would exit), so that the
// output says so when there is one.

/** A server that requires one kind of credential, and ingest's environment with the right ones and with wrong ones. */
interface Kind {
  server(): Promise<{ configFile?: string; authToken?: string }>;
  right(port: number): Promise<Record<string, string>>;
  wrong(port: number): Promise<Record<string, string>>;
  /** The URL that logs and /health show. */
  shown: (port: number) => string;
}

let tls: TlsFiles;
beforeAll(async () => (tls = await createTlsFiles()));
afterAll(() => tls?.dispose());

const local = (port: number) => `127.0.0.1:${port}`;
const seedFile = async () => privateFile('user.nk', `${createNkeyUser().seed}\n`);
const nkeyUser = createNkeyUser();
const account = createJwtAccount();

const AUTHENTICATED: [string, Kind][] = [
  [
    'a user and password in NATS_URL',
    {
      server: async () => ({ configFile: await natsConfigFile(passwordUserConfig('ingest', 'pw-right')) }),
      right: async (port) => ({ NATS_URL: `nats://ingest:pw-right@${local(port)}` }),
      wrong: async (port) => ({ NATS_URL: `nats://ingest:pw-wrong@${local(port)}` }),
      shown: (port) => `nats://ingest:\\*\\*\\*@${local(port)}`,
    },
  ],
  [
    'NATS_TOKEN',
    {
      server: async () => ({ authToken: 'token-right' }),
      right: async (port) => ({ NATS_URL: `nats://${local(port)}`, NATS_TOKEN: 'token-right' }),
      wrong: async (port) => ({ NATS_URL: `nats://${local(port)}`, NATS_TOKEN: 'token-wrong' }),
      shown: (port) => `nats://${local(port)}`,
    },
  ],
  [
    'a token in NATS_URL',
    {
      server: async () => ({ authToken: 'token-right' }),
      right: async (port) => ({ NATS_URL: `nats://token-right@${local(port)}` }),
      wrong: async (port) => ({ NATS_URL: `nats://token-wrong@${local(port)}` }),
      shown: (port) => `nats://\\*\\*\\*@${local(port)}`,
    },
  ],
  [
    'NATS_NKEY_SEED_FILE',
    {
      server: async () => ({ configFile: await natsConfigFile(nkeyUser.serverConfig) }),
      right: async (port) => ({
        NATS_URL: `nats://${local(port)}`,
        NATS_NKEY_SEED_FILE: await privateFile('user.nk', nkeyUser.seed),
      }),
      // Another user's seed: the server knows its public key not.
      wrong: async (port) => ({ NATS_URL: `nats://${local(port)}`, NATS_NKEY_SEED_FILE: await seedFile() }),
      shown: (port) => `nats://${local(port)}`,
    },
  ],
  [
    'NATS_CREDS_FILE (operator mode, JWT)',
    {
      server: async () => ({ configFile: await natsConfigFile(account.serverConfig) }),
      right: async (port) => ({
        NATS_URL: `nats://${local(port)}`,
        NATS_CREDS_FILE: await privateFile('user.creds', account.creds),
      }),
      // A user of another operator's account.
      wrong: async (port) => ({
        NATS_URL: `nats://${local(port)}`,
        NATS_CREDS_FILE: await privateFile('user.creds', createJwtAccount().creds),
      }),
      shown: (port) => `nats://${local(port)}`,
    },
  ],
  [
    'a user and password over TLS with client certificates (tls://, NATS_CA_FILE, NATS_CERT_FILE, NATS_KEY_FILE)',
    {
      server: async () => ({
        configFile: await natsConfigFile(tls.serverConfig(true), passwordUserConfig('ingest', 'pw-right')),
      }),
      right: async (port) => ({
        NATS_URL: `tls://ingest:pw-right@${local(port)}`,
        NATS_CA_FILE: tls.caFile,
        NATS_CERT_FILE: tls.client.certFile,
        NATS_KEY_FILE: tls.client.keyFile,
      }),
      wrong: async (port) => ({
        NATS_URL: `tls://ingest:pw-wrong@${local(port)}`,
        NATS_CA_FILE: tls.caFile,
        NATS_CERT_FILE: tls.client.certFile,
        NATS_KEY_FILE: tls.client.keyFile,
      }),
      shown: (port) => `tls://ingest:\\*\\*\\*@${local(port)}`,
    },
  ],
];

const NO_UNHANDLED_REJECTION = { NODE_OPTIONS: '--unhandled-rejections=warn' };

describe.each(AUTHENTICATED)('a nats-server that requires %s', (_, kind) => {
  let server: NatsServerHandle;
  let right: AppProcess;
  let wrong: AppProcess;

  beforeAll(async () => {
    server = await startNatsServer(await kind.server());
    [right, wrong] = await Promise.all([
      spawnApp('ingest', { ...NO_UNHANDLED_REJECTION, ...(await kind.right(server.port)) }),
      spawnApp('ingest', { ...NO_UNHANDLED_REJECTION, ...(await kind.wrong(server.port)) }),
    ]);
  });

  afterAll(async () => {
    await Promise.all([right?.stop(), wrong?.stop()]);
    await server?.dispose();
  });

  test('ingest with the right credentials connects: /health answers 200', async () => {
    await untilHealthy(right.url, { timeoutMs: 20_000, alive: right.running, context: right.output });
    expect((await getJson(`${right.url}/health`)).status).toBe(200);
  });

  test('ingest with wrong ones stays up, says authentication failed at each retry, and answers /health 503 with why', async () => {
    const shown = kind.shown(server.port);
    const reason = new RegExp(`^not connected to NATS at ${shown}: authentication failed: 'Authorization Violation'$`);
    const retryLine = new RegExp(
      `connecting to ${shown} failed, retrying in (\\d+) ms: authentication failed: 'Authorization Violation'`,
      'g',
    );
    await eventually(async () => {
      const answer = await getJson(`${wrong.url}/health`);
      expect(answer.status).toBe(503);
      expect(answer.body.error.jetstream.reason).toMatch(reason);
    }, 20_000);
    const retryDelays = () => [...wrong.output().matchAll(retryLine)].map((match) => Number(match[1]));
    await eventually(() => expect(retryDelays().length).toBeGreaterThanOrEqual(2), 30_000);
    expect(retryDelays().slice(0, 2)).toEqual([500, 1000]);
    expect(wrong.running()).toBe(true);
    expect(wrong.output()).not.toMatch(/unhandled/i);
  });
});

// TLS with the server's certificate trusted through NATS_CA_FILE, and with a client certificate
// when the server asks for one. A failed TLS handshake is one nats.js retries by itself without
// telling why while it waits for its first connection, so /health names no reason then.
describe.each<[string, boolean, (port: number) => Record<string, string>]>([
  [
    "the server's certificate is not trusted (no NATS_CA_FILE)",
    false,
    (port) => ({ NATS_URL: `tls://${local(port)}` }),
  ],
  [
    'the server asks for a client certificate and gets none',
    true,
    (port) => ({ NATS_URL: `tls://${local(port)}`, NATS_CA_FILE: tls.caFile }),
  ],
])('a nats-server that requires TLS, when %s', (_, verifyClients, wrongEnvironment) => {
  let server: NatsServerHandle;
  let right: AppProcess;
  let wrong: AppProcess;

  beforeAll(async () => {
    server = await startNatsServer({ configFile: await natsConfigFile(tls.serverConfig(verifyClients)) });
    const clientCertificate = { NATS_CERT_FILE: tls.client.certFile, NATS_KEY_FILE: tls.client.keyFile };
    [right, wrong] = await Promise.all([
      spawnApp('ingest', {
        ...NO_UNHANDLED_REJECTION,
        NATS_URL: `tls://${local(server.port)}`,
        NATS_CA_FILE: tls.caFile,
        ...(verifyClients ? clientCertificate : {}),
      }),
      spawnApp('ingest', { ...NO_UNHANDLED_REJECTION, ...wrongEnvironment(server.port) }),
    ]);
  });

  afterAll(async () => {
    await Promise.all([right?.stop(), wrong?.stop()]);
    await server?.dispose();
  });

  test('ingest with the right files connects over TLS: /health answers 200', async () => {
    await untilHealthy(right.url, { timeoutMs: 20_000, alive: right.running, context: right.output });
    expect((await getJson(`${right.url}/health`)).status).toBe(200);
  });

  test('ingest without them stays up, not connected, answering /health 503', async () => {
    const reason = `not connected to NATS at tls://${local(server.port)}`;
    await eventually(async () => {
      const answer = await getJson(`${wrong.url}/health`);
      expect(answer.status).toBe(503);
      expect(answer.body.error.jetstream.reason).toBe(reason);
    }, 20_000);
    await new Promise((resolve) => setTimeout(resolve, 3000));
    expect((await getJson(`${wrong.url}/health`)).body.error.jetstream.reason).toBe(reason);
    expect(wrong.running()).toBe(true);
    expect(wrong.output()).not.toMatch(/unhandled/i);
  });
});
