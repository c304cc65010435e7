import { type Decimal, toDecimal } from '@tradeflow/contract';
import { PositiveCount } from '@tradeflow/platform';
import { IsNumber, IsPositive, IsString, Max, ValidateBy, type ValidationArguments } from 'class-validator';
import type { DetectorSettings } from './settings';

const SOLD_LIMIT = /^([A-Z]{3}):(\d{1,13}(?:\.\d{1,8})?)$/;

/** `EUR:100000,USD:50000.5` by currency, or why it is not one; empty is no limit. */
function readSoldLimits(text: string): Record<string, Decimal> | string {
  const limits: Record<string, Decimal> = {};
  for (const item of text ? text.split(',') : []) {
    const parts = SOLD_LIMIT.exec(item.trim());
    if (!parts) return `must be CUR:amount pairs separated by commas (EUR:100000,USD:50000.5), not "${item}"`;
    const [, currency, amount] = parts;
    if (currency in limits) return `gives ${currency} twice`;
    limits[currency] = toDecimal(amount);
  }
  return limits;
}

const SoldLimits = () =>
  ValidateBy({
    name: 'soldLimits',
    validator: {
      validate: (value: string) => typeof readSoldLimits(value) === 'object',
      defaultMessage: (args?: ValidationArguments) => `${args?.property} ${readSoldLimits(args?.value)}`,
    },
  });

const NotAbove = (other: 'OFF_MARKET_WINDOW') =>
  ValidateBy({
    name: 'notAbove',
    validator: {
      validate: (value: number, args?: ValidationArguments) => value <= (args?.object as DetectorEnvironment)[other],
      defaultMessage: (args?: ValidationArguments) => `${args?.property} must not be above ${other}`,
    },
  });

/**
 * The detectors' thresholds, from the environment: process flags trades with them, and `verify`
 * recomputes the flags with them, so both must be given the same. A change applies to the trades
 * folded from then on; the flags of earlier trades stay as they were raised.
 */
export class DetectorEnvironment {
  /** How many of a pair's previous rates in a partition the off-market median is taken over. */
  @PositiveCount() @Max(1000) OFF_MARKET_WINDOW: number = 50;
  /** Rates the window must hold before a trade of the pair is judged. */
  @PositiveCount() @NotAbove('OFF_MARKET_WINDOW') OFF_MARKET_MIN_RATES: number = 20;
  /** A rate further than this from the median, in percent, is off-market. */
  @IsNumber({ allowNaN: false, allowInfinity: false }) @IsPositive() @Max(1e6) OFF_MARKET_THRESHOLD_PERCENT: number = 3;

  /** The windows of receivedAt a user's trades are counted in, from the epoch: 60 is each minute. */
  @PositiveCount() @Max(86_400) VELOCITY_WINDOW_SECONDS: number = 60;
  /** More trades than this in a window is flagged. */
  @PositiveCount() VELOCITY_MAX_TRADES: number = 20;
  /** More sold than this in a window, per currency (`EUR:100000,USD:100000`), is flagged; empty: no limit. */
  @IsString() @SoldLimits() VELOCITY_MAX_SOLD: string = '';
}

/** The settings of a validated DetectorEnvironment. */
export function detectorSettings(environment: DetectorEnvironment): DetectorSettings {
  return {
    offMarket: {
      window: environment.OFF_MARKET_WINDOW,
      minRates: environment.OFF_MARKET_MIN_RATES,
      thresholdPercent: environment.OFF_MARKET_THRESHOLD_PERCENT,
    },
    velocity: {
      windowMs: environment.VELOCITY_WINDOW_SECONDS * 1000,
      maxTrades: environment.VELOCITY_MAX_TRADES,
      maxSold: readSoldLimits(environment.VELOCITY_MAX_SOLD) as Record<string, Decimal>,
    },
  };
}
