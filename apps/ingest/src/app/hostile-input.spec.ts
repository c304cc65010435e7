import { once } from 'node:events';
import { connect as connectTcp } from 'node:net';
import { EXAMPLE_TRADE } from '@tradeflow/contract';
import {
  type AppProcess,
  eventually,
  type NatsServerHandle,
  spawnApp,
  startNatsServer,
  streamContents,
  untilHealthy,
} from '@tradeflow/testing';
import { STREAMS, SUBJECTS } from '@tradeflow/topology';
import { connect, type NatsConnection } from 'nats';

// Hostile submissions by every way in, against the built ingest on a real nats-server: each is
// refused with a 4xx that says why (tx.submit: recorded in REJECTED), never a 500, and recorded;
// and nothing a client can send puts an error, or a stack, in ingest's log.
let server: NatsServerHandle;
let ingest: AppProcess;
let nc: NatsConnection;

beforeAll(async () => {
  server = await startNatsServer();
  ingest = await spawnApp('ingest', { NATS_URL: server.url, LOG_LEVEL: 'debug' });
  await untilHealthy(ingest.url, { timeoutMs: 20_000, alive: ingest.running, context: ingest.output });
  nc = await connect({ servers: server.url });
});

afterAll(async () => {
  await nc?.close();
  await ingest?.stop();
  await server?.dispose();
});

const post = async (path: string, body: string, headers: Record<string, string> = {}) => {
  const response = await fetch(`${ingest.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  });
  return { status: response.status, body: await response.json() };
};

interface RejectionRecord {
  source: string;
  submissionSequence?: number;
  errors: { field: string; message: string }[];
  payload: string;
}

const rejected = async () => (await streamContents<RejectionRecord>(nc, STREAMS.rejected)).map(({ data }) => data);

/** A tx.submit message, once JetStream has it in SUBMISSIONS; its place there. */
const submit = async (payload: string) => (await nc.jetstream().publish(SUBJECTS.submit, payload)).seq;

const untilRecorded = (record: Partial<RejectionRecord>) =>
  eventually(async () => expect(await rejected()).toContainEqual(expect.objectContaining(record)));

const invalidTrade = (errors: object[]) => ({
  statusCode: 400,
  error: 'Bad Request',
  message: 'invalid trade',
  errors,
});
const batchRefused = (errors: object[]) => ({ accepted: [], rejected: [{ index: 0, errors }], failed: [] });

/** 10,000 levels of nesting around `marker`, which tells the records apart. */
const NESTINGS = [
  ['objects', (marker: string) => '{"a":'.repeat(10_000) + JSON.stringify(marker) + '}'.repeat(10_000)],
  ['arrays', (marker: string) => '['.repeat(10_000) + JSON.stringify(marker) + ']'.repeat(10_000)],
] as const;
const TOO_DEEP = 'body is nested deeper than 32 levels';

describe.each(NESTINGS)('JSON %s nested 10,000 levels deep', (kind, nested) => {
  test.each(['/transactions', '/transactions/batch'])('POST %s answers 400 and records the refusal', async (path) => {
    const body = nested(`${kind} to ${path}`);
    expect(await post(path, body)).toEqual({
      status: 400,
      body: { message: TOO_DEEP, error: 'Bad Request', statusCode: 400 },
    });
    await untilRecorded({ source: 'http', errors: [{ field: '', message: TOO_DEEP }], payload: body });
  });

  test('tx.submit records the refusal', async () => {
    const submissionSequence = await submit(nested(`${kind} on tx.submit`));
    await untilRecorded({ source: 'tx.submit', submissionSequence, errors: [{ field: '', message: TOO_DEEP }] });
  });
});

describe('a trade that gives amountSell twice, -5 first', () => {
  const body = `{"amountSell":-5,${JSON.stringify(EXAMPLE_TRADE).slice(1)}`;
  const errors = [{ field: 'amountSell', message: 'amountSell is given more than once' }];

  test('POST /transactions answers 400 naming amountSell', async () => {
    expect(await post('/transactions', body)).toEqual({ status: 400, body: invalidTrade(errors) });
  });

  test('POST /transactions/batch refuses it, naming amountSell', async () => {
    expect(await post('/transactions/batch', `[${body}]`)).toEqual({ status: 400, body: batchRefused(errors) });
  });

  test('tx.submit records the refusal naming amountSell', async () => {
    const submissionSequence = await submit(body);
    await untilRecorded({ source: 'tx.submit', submissionSequence, errors, payload: body });
  });
});

describe('amountSell and amountBuy of 1e-320, at rate 1', () => {
  const body = JSON.stringify({ ...EXAMPLE_TRADE, amountSell: 1e-320, amountBuy: 1e-320, rate: 1 });
  const errors = [
    { field: 'amountSell', message: 'amountSell must be at least 0.01, the smallest unit of EUR' },
    { field: 'amountBuy', message: 'amountBuy must be at least 0.01, the smallest unit of GBP' },
  ];

  test('POST /transactions answers 400 naming both', async () => {
    expect(await post('/transactions', body)).toEqual({ status: 400, body: invalidTrade(errors) });
  });

  test('POST /transactions/batch refuses the trade, naming both', async () => {
    expect(await post('/transactions/batch', `[${body}]`)).toEqual({ status: 400, body: batchRefused(errors) });
  });

  test('tx.submit records the refusal naming both', async () => {
    const submissionSequence = await submit(body);
    await untilRecorded({ source: 'tx.submit', submissionSequence, errors, payload: body });
  });
});

describe('a client that leaves mid-body', () => {
  const leftMidBody = (path: string) =>
    ingest
      .output()
      .split('\n')
      .filter((line) =>
        line.includes(`"msg":"POST ${path}: the client closed the connection before sending the whole body"`),
      );

  test.each(['/transactions', '/transactions/batch'])('on %s is logged once, briefly, at debug level', async (path) => {
    const socket = connectTcp(Number(new URL(ingest.url).port), '127.0.0.1');
    await once(socket, 'connect');
    socket.write(
      `POST ${path} HTTP/1.1\r\nHost: ingest\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"a":`,
    );
    await new Promise((resolve) => setTimeout(resolve, 100));
    socket.destroy();
    await eventually(async () => expect(leftMidBody(path)).toHaveLength(1));
    expect(JSON.parse(leftMidBody(path)[0])).toMatchObject({ level: 20 });
  });
});

test('nothing of the above put an error or a stack in the log, and ingest still runs', async () => {
  const lines = ingest.output().split('\n');
  expect(lines.filter((line) => /"level":(50|60)/.test(line) || line.includes('    at '))).toEqual([]);
  expect(ingest.running()).toBe(true);
  expect((await fetch(`${ingest.url}/health`)).status).toBe(200);
});
