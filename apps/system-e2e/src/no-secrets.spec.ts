import {
  type AppProcess,
  createNkeyUser,
  eventually,
  getJson,
  natsConfigFile,
  type NatsServerHandle,
  passwordUserConfig,
  privateFile,
  spawnApp,
  startNatsServer,
  type StartNatsServerOptions,
  untilHealthy,
  workspaceRoot,
} from '@tradeflow/testing';
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { promisify } from 'node:util';

// No secret reaches a log, an error or /health. Each built app (ingest, process, stats) runs on a
// nats-server that requires a password, one that requires a token and one that requires an nkey:
// with the right credentials (connecting, connected, its streams made), with wrong ones (refused
// at each retry, /health 503 while refused), and with two ways to authenticate at once (refused
// at start); so does `verify`. Every byte they print and every /health body is searched for the
// secrets, right and wrong ones: none appears. A password is shown as `nats://user:***@host`.
const APPS = ['ingest', 'process', 'stats'];
const USER = 'tradeflow';
const secret = (name: string) => `${name}-${randomUUID()}`;
const PASSWORD = secret('password');
const WRONG_PASSWORD = secret('wrong-password');
const TOKEN = secret('token');
const WRONG_TOKEN = secret('wrong-token');
const NKEY_USER = createNkeyUser();
const WRONG_NKEY_USER = createNkeyUser();
const SECRETS = {
  password: PASSWORD,
  'wrong password': WRONG_PASSWORD,
  token: TOKEN,
  'wrong token': WRONG_TOKEN,
  'nkey seed': NKEY_USER.seed,
  'wrong nkey seed': WRONG_NKEY_USER.seed,
};
/** spawnApp keeps the last 20,000 characters of an app's output: all of it while shorter. */
const WHOLE_OUTPUT = 19_000;

/** One kind of server, and the environment of a client with the right and with wrong credentials. */
interface Kind {
  server: () => Promise<StartNatsServerOptions>;
  right: (port: number) => Promise<Record<string, string>>;
  wrong: (port: number) => Promise<Record<string, string>>;
  /** How the logs and /health show NATS_URL. */
  shown: (port: number) => string;
}

const KINDS: [string, Kind][] = [
  [
    'a password',
    {
      server: async () => ({ configFile: await natsConfigFile(passwordUserConfig(USER, PASSWORD)) }),
      right: async (port) => ({ NATS_URL: `nats://${USER}:${PASSWORD}@127.0.0.1:${port}` }),
      wrong: async (port) => ({ NATS_URL: `nats://${USER}:${WRONG_PASSWORD}@127.0.0.1:${port}` }),
      shown: (port) => `nats://${USER}:***@127.0.0.1:${port}`,
    },
  ],
  [
    'a token',
    {
      server: async () => ({ authToken: TOKEN }),
      right: async (port) => ({ NATS_URL: `nats://127.0.0.1:${port}`, NATS_TOKEN: TOKEN }),
      wrong: async (port) => ({ NATS_URL: `nats://127.0.0.1:${port}`, NATS_TOKEN: WRONG_TOKEN }),
      shown: (port) => `nats://127.0.0.1:${port}`,
    },
  ],
  [
    'an nkey',
    {
      server: async () => ({ configFile: await natsConfigFile(NKEY_USER.serverConfig) }),
      right: async (port) => ({
        NATS_URL: `nats://127.0.0.1:${port}`,
        NATS_NKEY_SEED_FILE: await privateFile('user.nk', NKEY_USER.seed),
      }),
      wrong: async (port) => ({
        NATS_URL: `nats://127.0.0.1:${port}`,
        NATS_NKEY_SEED_FILE: await privateFile('user.nk', WRONG_NKEY_USER.seed),
      }),
      shown: (port) => `nats://127.0.0.1:${port}`,
    },
  ],
];

/** Everything a test saw: each app's output and each /health body. */
const seen: { what: string; text: string }[] = [];
const running: AppProcess[] = [];

const start = async (app: string, environment: Record<string, string>) => {
  // info: the connect and retry lines, which name the servers.
  const started = await spawnApp(app, { LOG_LEVEL: 'info', ...environment });
  running.push(started);
  return started;
};
const health = async (what: string, app: AppProcess) => {
  const answer = await getJson(`${app.url}/health`);
  seen.push({ what: `${what}: /health`, text: JSON.stringify(answer.body) });
  return answer;
};
const stopAndKeepOutput = async (what: string, app: AppProcess) => {
  await app.stop();
  expect(app.output().length).toBeLessThan(WHOLE_OUTPUT);
  seen.push({ what: `${what}: output`, text: app.output() });
  return app.output();
};

/** `npm run verify`'s program, with this environment; its output, whatever its exit status. */
const verify = async (environment: Record<string, string>): Promise<string> => {
  const run = promisify(execFile)(process.execPath, ['dist/tools/verify/main.js'], {
    cwd: workspaceRoot(),
    env: { ...process.env, ...environment },
  });
  const { stdout, stderr } = await run.catch((failed: { stdout: string; stderr: string }) => failed);
  return stdout + stderr;
};

/** Everything seen so far, searched for every secret. */
function expectNoSecretSeen(): void {
  const leaks = seen.flatMap(({ what, text }) =>
    Object.entries(SECRETS)
      .filter(([, value]) => text.includes(value))
      .map(([name]) => `${what} shows the ${name}`),
  );
  expect(leaks).toEqual([]);
}

afterAll(() => Promise.all(running.map((app) => app.stop())));

describe.each(KINDS)('on a nats-server that requires %s', (kindName, kind) => {
  let server: NatsServerHandle;

  beforeAll(async () => (server = await startNatsServer(await kind.server())));
  afterAll(() => server?.dispose());

  test('no app shows the secret, right or wrong, in its logs or /health; they show the URL without it', async () => {
    const shown = kind.shown(server.port);
    const right = await kind.right(server.port);
    const wrong = await kind.wrong(server.port);
    const runs = await Promise.all(
      APPS.map(async (app) => ({
        app,
        right: await start(app, right),
        wrong: await start(app, wrong),
      })),
    );
    for (const run of runs) {
      const what = `${run.app} on ${kindName}`;
      await untilHealthy(run.right.url, { timeoutMs: 60_000, alive: run.right.running, context: run.right.output });
      expect((await health(`${what}, right`, run.right)).status).toBe(200);
      await eventually(async () => {
        const answer = await health(`${what}, wrong`, run.wrong);
        expect(answer.status).toBe(503);
        expect(answer.body.error.jetstream.reason).toBe(
          `not connected to NATS at ${shown}: authentication failed: 'Authorization Violation'`,
        );
      }, 30_000);
      await eventually(
        () => expect(run.wrong.output().match(/retrying in \d+ ms/g)?.length).toBeGreaterThanOrEqual(2),
        30_000,
      );
    }
    for (const run of runs) {
      const what = `${run.app} on ${kindName}`;
      expect(await stopAndKeepOutput(`${what}, right`, run.right)).toContain(`connecting to ${shown}`);
      expect(await stopAndKeepOutput(`${what}, wrong`, run.wrong)).toContain(`connecting to ${shown} failed`);
    }

    const verified = await verify({ ...right, TX_PARTITIONS: '4' });
    const refused = await verify({ ...wrong, TX_PARTITIONS: '4' });
    seen.push(
      { what: `verify on ${kindName}, right`, text: verified },
      { what: `verify on ${kindName}, wrong`, text: refused },
    );
    expect(verified).toMatch(/verified: 0 trades/);
    expect(refused).toContain(`verify: could not verify against ${shown}: authentication failed`);
    expectNoSecretSeen();
  }, 180_000);
});

test('two ways to authenticate at once stop every app at start, the secrets hidden in the message', async () => {
  const environment = {
    NATS_URL: `nats://${USER}:${PASSWORD}@127.0.0.1:4222`,
    NATS_TOKEN: TOKEN,
    NATS_NKEY_SEED_FILE: await privateFile('user.nk', NKEY_USER.seed),
  };
  for (const app of APPS) {
    const refused = await start(app, environment);
    await eventually(() => expect(refused.running()).toBe(false), 30_000);
    const output = await stopAndKeepOutput(`${app} with two ways to authenticate`, refused);
    expect(output).toContain('Invalid environment');
    expect(output).toContain(`NATS_TOKEN="***": NATS_TOKEN cannot be combined with credentials in NATS_URL`);
  }
  const refused = await verify(environment);
  seen.push({ what: 'verify with two ways to authenticate', text: refused });
  expect(refused).toContain('NATS_TOKEN="***"');
  expectNoSecretSeen();
}, 60_000);
