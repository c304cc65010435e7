import type { IncomingMessage } from 'node:http';
import { Logger } from '@nestjs/common';
import { StatsEnvironment } from '../app/stats.environment';
import { UpgradeOrigins } from './upgrade-origins';

const upgradeFrom = (origin: string | undefined, host = '127.0.0.1:3002') => ({
  origin,
  req: { headers: { host } } as IncomingMessage,
});

describe('UpgradeOrigins', () => {
  const byDefault = new UpgradeOrigins(new StatsEnvironment().WS_ALLOWED_ORIGINS);

  test("by default: the page's own origin, loopback pages on any port, and clients without Origin", () => {
    expect(byDefault.allows('https://stats.example.com', 'stats.example.com')).toBe(true);
    expect(byDefault.allows('http://stats.example.com:3002', 'STATS.example.com:3002')).toBe(true);
    for (const origin of ['http://localhost:5173', 'http://127.0.0.1:4200', 'http://[::1]:3002', 'http://localhost']) {
      expect(byDefault.allows(origin, 'stats.example.com')).toBe(true);
    }
    expect(byDefault.allows(undefined, 'stats.example.com')).toBe(true);
  });

  test("refuses another site's page, another port of the host, null and a missing Host", () => {
    expect(byDefault.allows('https://evil.example', 'stats.example.com')).toBe(false);
    expect(byDefault.allows('http://stats.example.com:8080', 'stats.example.com:3002')).toBe(false);
    expect(byDefault.allows('https://localhost.evil.example', 'stats.example.com')).toBe(false);
    expect(byDefault.allows('null', 'stats.example.com')).toBe(false);
    expect(byDefault.allows('https://stats.example.com', undefined)).toBe(false);
  });

  test('WS_ALLOWED_ORIGINS replaces the loopback defaults; the own origin stays allowed', () => {
    const origins = new UpgradeOrigins('https://dashboard.example.com');
    expect(origins.allows('https://dashboard.example.com', 'stats.internal:3002')).toBe(true);
    expect(origins.allows('http://stats.internal:3002', 'stats.internal:3002')).toBe(true);
    expect(origins.allows('http://localhost:5173', 'stats.internal:3002')).toBe(false);
  });

  test('verifyClient lets an allowed upgrade through; a refused one is answered 403 and logged as a warning, one line', () => {
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    const answers: unknown[][] = [];
    byDefault.verifyClient(upgradeFrom('http://localhost:5173'), (...answer) => answers.push(answer));
    expect(warn).not.toHaveBeenCalled();
    byDefault.verifyClient(upgradeFrom('https://evil.example'), (...answer) => answers.push(answer));
    expect(answers).toEqual([[true], [false, 403]]);
    expect(warn.mock.calls).toEqual([
      [
        'refused a WebSocket from origin "https://evil.example" to host "127.0.0.1:3002": ' +
          "not the page's own origin, nor in WS_ALLOWED_ORIGINS",
      ],
    ]);
    warn.mockRestore();
  });
});
