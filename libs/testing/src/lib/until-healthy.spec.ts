import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { untilHealthy } from '../index';

/** A /health that answers 503 `starting` for its first `unhealthyAnswers` requests, then 200. */
async function healthAfter(unhealthyAnswers: number): Promise<{ server: Server; url: string; asked: () => number }> {
  let asked = 0;
  const server = createServer((_request, response) => {
    asked++;
    response.writeHead(asked > unhealthyAnswers ? 200 : 503).end(asked > unhealthyAnswers ? 'ok' : 'starting');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, asked: () => asked };
}

describe('untilHealthy', () => {
  const servers: Server[] = [];
  afterAll(() => servers.forEach((server) => server.close()));

  it('polls until /health answers 200', async () => {
    const health = await healthAfter(3);
    servers.push(health.server);
    await expect(untilHealthy(health.url, { timeoutMs: 5000, pollMs: 10 })).resolves.toBe(true);
    expect(health.asked()).toBe(4);
  });

  it('gives up, with false, once the process is no longer alive', async () => {
    const health = await healthAfter(Infinity);
    servers.push(health.server);
    let polls = 0;
    await expect(untilHealthy(health.url, { timeoutMs: 5000, pollMs: 10, alive: () => ++polls <= 2 })).resolves.toBe(
      false,
    );
    expect(health.asked()).toBe(2);
  });

  it('throws after the timeout with the last answer and the context', async () => {
    const health = await healthAfter(Infinity);
    servers.push(health.server);
    await expect(
      untilHealthy(health.url, { timeoutMs: 100, pollMs: 10, context: () => 'the log ends here' }),
    ).rejects.toThrow(/not healthy within 100 ms \(last: 503 starting\)\nthe log ends here/);
  });
});
