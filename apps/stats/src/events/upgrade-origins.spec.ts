import type { IncomingMessage } from 'node:http';
import { Logger } from '@nestjs/common';
import { StatsEnvironment } from '../app/stats.environment';
import { UpgradeOrigins } from './upgrade-origins';

const upgradeFrom = (origin: string, host = '127.0.0.1:3002') => ({
  origin,
  req: { headers: { host } } as IncomingMessage,
});

describe('UpgradeOrigins', () => {
  const byDefault = new UpgradeOrigins(new StatsEnvironment().WS_ALLOWED_ORIGINS);

  test('by default: loopback pages on any port, and clients without Origin', () => {
    for (const origin of ['http://localhost:5173', 'http://127.0.0.1:4200', 'http://[::1]:3002', 'http://localhost']) {
      expect(byDefault.allows(origin)).toBe(true);
    }
    expect(byDefault.allows(undefined)).toBe(true);
  });

  test("refuses another site's page, null, and a page whose name was made to point at this host", () => {
    expect(byDefault.allows('https://evil.example')).toBe(false);
    expect(byDefault.allows('https://localhost.evil.example')).toBe(false);
    expect(byDefault.allows('null')).toBe(false);
    // DNS rebinding: evil.example re-resolved to this host sends Host: evil.example:3002 with it.
    const answers: unknown[][] = [];
    byDefault.verifyClient(upgradeFrom('http://evil.example:3002', 'evil.example:3002'), (...answer) =>
      answers.push(answer),
    );
    expect(answers).toEqual([[false, 403]]);
  });

  test('WS_ALLOWED_ORIGINS replaces the loopback defaults', () => {
    const origins = new UpgradeOrigins('https://dashboard.example.com');
    expect(origins.allows('https://dashboard.example.com')).toBe(true);
    expect(origins.allows('http://localhost:5173')).toBe(false);
  });

  test("verifyClient lets an allowed upgrade through; a refused one is answered 403, warned of once per origin (any site's page could fill the log), then at debug", () => {
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    const debug = jest.spyOn(Logger.prototype, 'debug').mockImplementation(() => undefined);
    const origins = new UpgradeOrigins(new StatsEnvironment().WS_ALLOWED_ORIGINS);
    const answers: unknown[][] = [];
    origins.verifyClient(upgradeFrom('http://localhost:5173'), (...answer) => answers.push(answer));
    expect(warn).not.toHaveBeenCalled();
    for (let i = 0; i < 3; i++) {
      origins.verifyClient(upgradeFrom('https://evil.example'), (...answer) => answers.push(answer));
    }
    expect(answers).toEqual([[true], [false, 403], [false, 403], [false, 403]]);
    const refusal =
      'refused a WebSocket from origin "https://evil.example" to host "127.0.0.1:3002": not in WS_ALLOWED_ORIGINS';
    expect(warn.mock.calls).toEqual([[refusal]]);
    expect(debug.mock.calls).toEqual([[refusal], [refusal]]);
    warn.mockRestore();
    debug.mockRestore();
  });
});
