import { HEALTH_OK } from '@tradeflow/contract';
import { statusView } from './status';

const NOW = Date.UTC(2026, 0, 2, 10, 5, 0);
const degraded = (partitions: Record<string, string>) => ({
  status: 'degraded' as const,
  partitions: Object.fromEntries(
    Object.entries(partitions).map(([partition, reason]) => [partition, { reason, since: '2026-01-02T10:00:00.000Z' }]),
  ),
});

describe('statusView', () => {
  test('says how the connection stands', () => {
    expect(statusView({ state: 'connecting' }, HEALTH_OK, NOW)).toEqual({
      state: 'connecting',
      text: 'Connecting…',
      detail: '',
    });
    expect(statusView({ state: 'waiting' }, HEALTH_OK, NOW).text).toBe('Connected · waiting for data');
    expect(statusView({ state: 'reconnecting', retryAt: NOW + 2500 }, HEALTH_OK, NOW).text).toBe(
      'Connection lost · retrying in 3 s',
    );
    expect(statusView({ state: 'reconnecting', retryAt: NOW }, HEALTH_OK, NOW).text).toBe('Reconnecting…');
    expect(statusView({ state: 'live' }, HEALTH_OK, NOW)).toEqual({ state: 'live', text: 'Live', detail: '' });
  });

  test('a live page whose figures do not keep up is Degraded, not Live, naming the partitions and why', () => {
    expect(statusView({ state: 'live' }, degraded({ 1: 'boom' }), NOW)).toEqual({
      state: 'degraded',
      text: 'Degraded · partition 1 stuck',
      detail: 'partition 1 since 10:00:00 UTC: boom',
    });
    expect(statusView({ state: 'live' }, degraded({ 10: 'b', 3: 'a' }), NOW)).toEqual({
      state: 'degraded',
      text: 'Degraded · partitions 3, 10 stuck',
      detail: 'partition 3 since 10:00:00 UTC: a; partition 10 since 10:00:00 UTC: b',
    });
    expect(statusView({ state: 'live' }, degraded({}), NOW).text).toBe('Degraded');
  });

  test('a lost connection says so, whatever the health it last heard', () => {
    expect(statusView({ state: 'reconnecting', retryAt: NOW }, degraded({ 1: 'boom' }), NOW).state).toBe(
      'reconnecting',
    );
  });
});
