import { EXAMPLE_TRADE } from '@tradeflow/contract';
import { type AppOnNats, postJson, startAppOnNats } from '@tradeflow/testing';

// Both routes' answers carry the security headers, and CORS's for a page of CORS_ORIGINS: the
// batch route's from Fastify's hooks, POST /transactions's, served ahead of Fastify, from
// ResponseHeaders. Against a real nats-server, so that 202s are real.
const TRADER = 'https://trader.example.com';

let stack: AppOnNats;

beforeAll(async () => {
  stack = await startAppOnNats(() => import('../app/app.module').then((m) => m.AppModule), { CORS_ORIGINS: TRADER });
});

afterAll(async () => {
  await stack?.dispose();
});

const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  postJson(`${stack.app.url}${path}`, body, headers);

const ROUTES = [
  { path: '/transactions', valid: EXAMPLE_TRADE, invalid: { ...EXAMPLE_TRADE, rate: -1 } },
  { path: '/transactions/batch', valid: [EXAMPLE_TRADE], invalid: [{ ...EXAMPLE_TRADE, rate: -1 }] },
];

describe.each(ROUTES)('POST $path', ({ path, valid, invalid }) => {
  test('every answer carries the security headers: 202, 400, 415', async () => {
    const answers = [
      await post(path, valid),
      await post(path, invalid),
      await post(path, '{', { 'content-type': 'text/plain' }),
    ];
    expect(answers.map((answer) => answer.status)).toEqual([202, 400, 415]);
    for (const { headers } of answers) {
      expect(headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
      expect(headers.get('x-content-type-options')).toBe('nosniff');
      expect(headers.get('referrer-policy')).toBe('no-referrer');
      expect(headers.get('content-type')).toBe('application/json; charset=utf-8');
    }
  });

  test('a page of CORS_ORIGINS may read the answer; another may not', async () => {
    const allowed = await post(path, valid, { origin: TRADER });
    expect(allowed.status).toBe(202);
    expect(allowed.headers.get('access-control-allow-origin')).toBe(TRADER);
    expect(allowed.headers.get('access-control-expose-headers')).toBe('Retry-After');
    expect(allowed.headers.get('vary')).toContain('Origin');

    const other = await post(path, valid, { origin: 'https://evil.example' });
    expect(other.status).toBe(202);
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });

  test("a listed page's preflight is answered: POST, with Content-Type and Idempotency-Key", async () => {
    const preflight = await fetch(`${stack.app.url}${path}`, {
      method: 'OPTIONS',
      headers: {
        origin: TRADER,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type,idempotency-key',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe(TRADER);
    expect(preflight.headers.get('access-control-allow-methods')).toContain('POST');
    expect(preflight.headers.get('access-control-allow-headers')).toBe('Content-Type, Idempotency-Key');
  });
});
