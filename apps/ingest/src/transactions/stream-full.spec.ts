import { EXAMPLE_TRADE as REFERENCE_TRADE } from '@tradeflow/contract';
import { type AppOnNats, postJson, startAppOnNats } from '@tradeflow/testing';

// TRANSACTIONS refuses new trades when full rather than dropping history: ingest answers 503.
let stack: AppOnNats;

beforeAll(async () => {
  stack = await startAppOnNats(() => import('../app/app.module').then((m) => m.AppModule), {
    TRANSACTIONS_MAX_MESSAGES: '2',
  });
});

afterAll(() => stack?.dispose());

test('a full TRANSACTIONS stream gives 503 with Retry-After, never a 202', async () => {
  const post = () => postJson(`${stack.app.url}/transactions`, REFERENCE_TRADE);
  expect((await post()).status).toBe(202);
  expect((await post()).status).toBe(202);
  const full = await post();
  expect(full.status).toBe(503);
  expect(full.headers.get('retry-after')).toBe('2');
  expect(full.body.message).toMatch(/^trade not stored: .*maximum messages/);
});
