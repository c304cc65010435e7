import { validateEnvironment } from '@tradeflow/platform';
import { DetectorEnvironment, detectorSettings } from './detector.environment';
import { DEFAULT_DETECTOR_SETTINGS } from './settings';

const settingsOf = (variables: Record<string, string>) =>
  detectorSettings(validateEnvironment(DetectorEnvironment)(variables));

describe('DetectorEnvironment', () => {
  test('gives the default settings when nothing is set', () => {
    expect(settingsOf({})).toEqual(DEFAULT_DETECTOR_SETTINGS);
  });

  test('reads every threshold, and the limits of sold amounts by currency as exact decimals', () => {
    expect(
      settingsOf({
        OFF_MARKET_WINDOW: '30',
        OFF_MARKET_MIN_RATES: '30',
        OFF_MARKET_THRESHOLD_PERCENT: '2.5',
        VELOCITY_WINDOW_SECONDS: '300',
        VELOCITY_MAX_TRADES: '100',
        VELOCITY_MAX_SOLD: 'EUR:100000, USD:50000.50,JPY:10000000',
      }),
    ).toEqual({
      offMarket: { window: 30, minRates: 30, thresholdPercent: 2.5 },
      velocity: { windowMs: 300_000, maxTrades: 100, maxSold: { EUR: '100000', USD: '50000.5', JPY: '10000000' } },
    });
  });

  test.each([
    [{ OFF_MARKET_WINDOW: '0' }, /OFF_MARKET_WINDOW="0": .*must be a positive number/],
    [
      { OFF_MARKET_MIN_RATES: '51' },
      /OFF_MARKET_MIN_RATES="51": OFF_MARKET_MIN_RATES must not be above OFF_MARKET_WINDOW/,
    ],
    [{ OFF_MARKET_THRESHOLD_PERCENT: '-1' }, /OFF_MARKET_THRESHOLD_PERCENT="-1": .*must be a positive number/],
    [{ VELOCITY_WINDOW_SECONDS: '1.5' }, /VELOCITY_WINDOW_SECONDS="1.5": .*must be an integer number/],
    [{ VELOCITY_MAX_SOLD: 'EUR=100' }, /VELOCITY_MAX_SOLD="EUR=100": VELOCITY_MAX_SOLD must be CUR:amount pairs/],
    [{ VELOCITY_MAX_SOLD: 'eur:100' }, /must be CUR:amount pairs separated by commas .*, not "eur:100"/],
    [{ VELOCITY_MAX_SOLD: 'EUR:100,EUR:200' }, /VELOCITY_MAX_SOLD gives EUR twice/],
    [{ VELOCITY_MAX_SOLD: 'EUR:-5' }, /must be CUR:amount pairs/],
  ])('refuses %j, naming the variable', (variables, message) => {
    expect(() => settingsOf(variables)).toThrow(message);
  });
});
