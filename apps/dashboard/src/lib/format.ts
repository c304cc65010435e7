import type { Decimal } from '@tradeflow/contract';

/** The placeholder for a figure the server does not give (yet). */
export const NONE = '—';

const DECIMAL = /^-?\d+(\.\d+)?$/;
const pad = (n: number) => String(n).padStart(2, '0');

/**
 * Numbers for people, in one locale. Exact decimals (the server's strings) are formatted from the
 * string itself: Intl.NumberFormat reads "1494.2" as that exact decimal, so "12345678901234567.5"
 * never becomes a rounded binary float on its way to the screen.
 */
export class Formats {
  private readonly integer: Intl.NumberFormat;
  private readonly exact: Intl.NumberFormat;
  private readonly rateFormat: Intl.NumberFormat;
  private readonly compactFormat: Intl.NumberFormat;
  private readonly oneDecimal: Intl.NumberFormat;
  private readonly percentFormat: Intl.NumberFormat;
  private readonly signedFormat: Intl.NumberFormat;
  private readonly regionNames: Intl.DisplayNames | undefined;
  /** Names already looked up: at most one per country code. */
  private readonly names = new Map<string, string>();

  constructor(readonly locale = 'en-US') {
    this.integer = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
    this.exact = new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 8 });
    this.rateFormat = new Intl.NumberFormat(locale, { minimumFractionDigits: 4, maximumFractionDigits: 6 });
    this.compactFormat = new Intl.NumberFormat(locale, { notation: 'compact', maximumFractionDigits: 1 });
    this.oneDecimal = new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
    this.percentFormat = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 });
    this.signedFormat = new Intl.NumberFormat(locale, {
      style: 'percent',
      minimumFractionDigits: 2,
      maximumFractionDigits: 2,
      signDisplay: 'exceptZero',
    });
    try {
      this.regionNames = new Intl.DisplayNames([locale], { type: 'region' });
    } catch {
      this.regionNames = undefined;
    }
  }

  /** A count: 1234567 → "1,234,567"; undefined → "—". */
  count(value: number | undefined): string {
    return value === undefined || !Number.isFinite(value) ? NONE : this.integer.format(value);
  }

  /** An amount, exact, with at least two decimals: "1494.2" → "1,494.20". */
  amount(value: Decimal | number | undefined): string {
    if (value === undefined) return NONE;
    if (typeof value === 'number') return Number.isFinite(value) ? this.exact.format(value) : NONE;
    const text = value.trim();
    return DECIMAL.test(text) ? this.exact.format(text as `${number}`) : NONE;
  }

  /** An exchange rate, four to six decimals: 0.7471 → "0.7471", 149.2 → "149.2000". */
  rate(value: number | undefined): string {
    return value === undefined || !Number.isFinite(value) ? NONE : this.rateFormat.format(value);
  }

  /** A short figure for axes and tight spots: 1234567 → "1.2M". */
  compact(value: number): string {
    return Number.isFinite(value) ? this.compactFormat.format(value) : NONE;
  }

  /** Trades per second: one decimal below 10, whole above. */
  perSecond(value: number): string {
    if (!Number.isFinite(value) || value < 0) return NONE;
    return value < 10 ? this.oneDecimal.format(value) : this.integer.format(Math.round(value));
  }

  /** A share of a whole: 0.0123 → "1.2%"; nothing when the whole is zero. */
  share(part: number | undefined, whole: number): string {
    if (part === undefined || !(whole > 0)) return NONE;
    return this.percentFormat.format(part / whole);
  }

  /** A change given in percent, signed, to two decimals: 0.4213 → "+0.42%", -6.2 → "-6.20%". */
  signedPercent(percent: number): string {
    return Number.isFinite(percent) ? this.signedFormat.format(percent / 100) : NONE;
  }

  /** A country's name from its alpha-2 code, in this locale ("FR" → "France"); the code if unknown. */
  countryName(code: string): string {
    let name = this.names.get(code);
    if (name === undefined) {
      try {
        name = this.regionNames?.of(code) ?? code;
      } catch {
        name = code;
      }
      if (this.names.size < 1000) this.names.set(code, name);
    }
    return name;
  }
}

/**
 * An instant as a trader reads it, in UTC: "10:27:44" on the day of `now`, the date alone
 * ("2018-01-24") on another day, so that the column stays narrow. Invalid → "—".
 */
export function utcTime(iso: string, now: number): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return NONE;
  const today = new Date(now);
  const sameDay =
    date.getUTCFullYear() === today.getUTCFullYear() &&
    date.getUTCMonth() === today.getUTCMonth() &&
    date.getUTCDate() === today.getUTCDate();
  if (sameDay) return `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}`;
  return `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
}

/** "EUR-GBP" → "EUR → GBP". */
export const pairLabel = (name: string): string => name.replace('-', ' → ');
