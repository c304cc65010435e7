import { ValidateBy } from 'class-validator';

/** `scheme://host[:port]`, the port a number or `*` for any. */
const ORIGIN_PATTERN = /^https?:\/\/(?:[a-z0-9.-]+|\[[0-9a-f:.]+\])(?::(?:\d{1,5}|\*))?$/i;
const ANY_PORT = ':*';

const entriesOf = (setting: string): string[] =>
  setting
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);

const isOrigin = (entry: string): boolean => {
  if (!ORIGIN_PATTERN.test(entry)) return false;
  try {
    new URL(entry.endsWith(ANY_PORT) ? entry.slice(0, -ANY_PORT.length) : entry);
    return true;
  } catch {
    return false;
  }
};

/** As a browser sends it in Origin: lower case, without the scheme's default port. */
const normalised = (origin: string): string => new URL(origin).origin;

/**
 * Browser origins from a comma-separated setting: `https://app.example.com`,
 * `http://127.0.0.1:8080`, or `http://localhost:*` for any port of the host.
 */
export class OriginList {
  private constructor(
    private readonly exact: ReadonlySet<string>,
    /** `scheme://host` of the entries that take any port. */
    private readonly anyPort: ReadonlySet<string>,
  ) {}

  /** The setting must have passed `@IsOriginList()`. */
  static parse(setting: string): OriginList {
    const entries = entriesOf(setting);
    const wildcards = entries.filter((entry) => entry.endsWith(ANY_PORT));
    return new OriginList(
      new Set(entries.filter((entry) => !entry.endsWith(ANY_PORT)).map(normalised)),
      new Set(wildcards.map((entry) => normalised(entry.slice(0, -ANY_PORT.length)))),
    );
  }

  get isEmpty(): boolean {
    return this.exact.size === 0 && this.anyPort.size === 0;
  }

  /** Whether a request's Origin header is on the list; no Origin is not. */
  allows(origin: string | undefined): boolean {
    if (!origin) return false;
    return this.exact.has(origin) || this.anyPort.has(origin.replace(/:\d+$/, ''));
  }
}

/**
 * An environment variable that is an OriginList's setting: comma-separated origins, empty for
 * none. The message names the entries that are no origin.
 */
export const IsOriginList = () =>
  ValidateBy({
    name: 'isOriginList',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && entriesOf(value).every(isOrigin),
      defaultMessage: (args) => {
        const value: unknown = args?.value;
        const invalid = typeof value === 'string' ? entriesOf(value).filter((entry) => !isOrigin(entry)) : [value];
        return `${args?.property} must be comma-separated origins such as https://app.example.com or http://localhost:*, not ${invalid.join(', ')}`;
      },
    },
  });
