import { EXAMPLE_TRADE, type Trade } from '@tradeflow/contract';
import { type AppOnNats, eventually, postJson, publishRaw, startAppOnNats, streamContents } from '@tradeflow/testing';
import { STREAMS, SUBJECTS } from '@tradeflow/topology';
import { connect, type NatsConnection } from 'nats';

// RATE_LIMIT is off unless set: the tightest limits then change nothing on any of the three ways in.
let stack: AppOnNats;
let nc: NatsConnection;

beforeAll(async () => {
  stack = await startAppOnNats(() => import('../app/app.module').then((m) => m.AppModule), {
    RATE_LIMIT_USER_PER_SECOND: '0.01',
    RATE_LIMIT_USER_BURST: '1',
    RATE_LIMIT_CLIENT_PER_SECOND: '0.01',
    RATE_LIMIT_CLIENT_BURST: '1',
  });
  nc = await connect({ servers: stack.server.url });
});

afterAll(async () => {
  await nc?.close();
  await stack?.dispose();
});

const trade = { ...EXAMPLE_TRADE, userId: 'unlimited-user' };
const post = (path: string, body: unknown) => postJson(`${stack.app.url}${path}`, body);

test('with RATE_LIMIT unset, no trade is refused for its rate, on either route or on tx.submit', async () => {
  for (let i = 0; i < 5; i++) expect((await post('/transactions', trade)).status).toBe(202);
  const batch = await post(
    '/transactions/batch',
    Array.from({ length: 5 }, () => trade),
  );
  expect(batch.status).toBe(202);
  expect(batch.body.accepted).toHaveLength(5);
  for (let i = 0; i < 5; i++) await publishRaw(stack.server.url, SUBJECTS.submit, JSON.stringify(trade));

  await eventually(async () => expect(await streamContents<Trade>(nc, STREAMS.transactions)).toHaveLength(15));
  expect(await streamContents(nc, STREAMS.rejected)).toEqual([]);
});
