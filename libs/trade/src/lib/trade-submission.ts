import {
  IsISO31661Alpha2,
  IsISO4217CurrencyCode,
  IsNumber,
  IsPositive,
  IsString,
  Matches,
  Max,
  ValidateBy,
  type ValidationArguments,
  type ValidationOptions,
} from 'class-validator';
import { parseTimePlaced } from './time-placed';
import type { TradeFields } from './trade';

const MAX_AMOUNT = 1e12;
/** amountBuy may differ from amountSell × rate by this fraction (rounding, fees). */
const BUY_TOLERANCE = 0.01;
/** Absorbs binary floating-point error so that exactly 1% off is accepted. */
const FLOAT_SLACK = 1e-9;

const FINITE_NUMBER = { allowNaN: false, allowInfinity: false };
const finiteNumber = (field: string) =>
  IsNumber(FINITE_NUMBER, { message: `${field} must be a finite JSON number` });
const positive = (field: string) => IsPositive({ message: `${field} must be greater than 0` });

function DiffersFrom(other: keyof TradeFields, options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'differsFrom',
      validator: {
        validate: (value: unknown, args?: ValidationArguments) =>
          value !== (args?.object as TradeFields)[other],
        defaultMessage: (args?: ValidationArguments) =>
          `${args?.property} must differ from ${other}`,
      },
    },
    options,
  );
}

function MatchesSellTimesRate(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'matchesSellTimesRate',
      validator: {
        validate: (amountBuy: number, args?: ValidationArguments) => {
          const { amountSell, rate } = args?.object as TradeFields;
          // Without valid inputs there is nothing to compare; their own rules report them.
          // (Finite is not enough: a zero, negative or too large amountSell or rate breaks its
          // own rule, and must not also be reported against amountBuy.)
          const sellValid = Number.isFinite(amountSell) && amountSell > 0 && amountSell <= MAX_AMOUNT;
          const rateValid = Number.isFinite(rate) && rate > 0;
          if (!sellValid || !rateValid) return true;
          const expected = amountSell * rate;
          return Math.abs(amountBuy - expected) <= expected * (BUY_TOLERANCE + FLOAT_SLACK);
        },
        defaultMessage: () =>
          `amountBuy must be within ${BUY_TOLERANCE * 100}% of amountSell × rate`,
      },
    },
    options,
  );
}

function IsTimePlaced(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isTimePlaced',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && parseTimePlaced(value) !== null,
        defaultMessage: () =>
          'timePlaced must be a real date-time in the form DD-MMM-YY HH:mm:ss, such as 24-JAN-18 10:27:44',
      },
    },
    options,
  );
}

/** A trade as submitted, with its validation rules. Validate with `validateTrade`. */
export class TradeSubmission implements TradeFields {
  @IsString({ message: 'userId must be a string' })
  @Matches(/^[A-Za-z0-9_-]{1,64}$/, {
    message: 'userId must be 1 to 64 characters of A-Z, a-z, 0-9, _ and -',
  })
  userId: string;

  @IsString({ message: 'currencyFrom must be a string' })
  @Matches(/^[A-Z]{3}$/, { message: 'currencyFrom must be three upper-case letters, such as EUR' })
  @IsISO4217CurrencyCode({ message: 'currencyFrom must be an ISO 4217 currency code' })
  currencyFrom: string;

  @IsString({ message: 'currencyTo must be a string' })
  @Matches(/^[A-Z]{3}$/, { message: 'currencyTo must be three upper-case letters, such as GBP' })
  @IsISO4217CurrencyCode({ message: 'currencyTo must be an ISO 4217 currency code' })
  @DiffersFrom('currencyFrom')
  currencyTo: string;

  @finiteNumber('amountSell')
  @positive('amountSell')
  @Max(MAX_AMOUNT, { message: `amountSell must be at most ${MAX_AMOUNT}` })
  amountSell: number;

  @finiteNumber('amountBuy')
  @positive('amountBuy')
  @Max(MAX_AMOUNT, { message: `amountBuy must be at most ${MAX_AMOUNT}` })
  @MatchesSellTimesRate()
  amountBuy: number;

  @finiteNumber('rate')
  @positive('rate')
  rate: number;

  @IsString({ message: 'timePlaced must be a string' })
  @IsTimePlaced()
  timePlaced: string;

  @IsString({ message: 'originatingCountry must be a string' })
  @Matches(/^[A-Z]{2}$/, {
    message: 'originatingCountry must be two upper-case letters, such as FR',
  })
  @IsISO31661Alpha2({
    message: 'originatingCountry must be an assigned ISO 3166-1 alpha-2 country code',
  })
  originatingCountry: string;
}
