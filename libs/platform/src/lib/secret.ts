import 'reflect-metadata';

type Shown = (value: string) => string;

const SHOWN = Symbol('shown');

/**
 * An environment variable that holds a secret, or may (a password inside a URL): an error about
 * it shows `shown(value)`, by default `***`, never the value itself.
 */
export const Secret = (shown: Shown = () => '***'): PropertyDecorator => Reflect.metadata(SHOWN, shown);

/** The value of an environment's variable as an error may show it: JSON, with any secret hidden. */
export function shownValue(environment: object, variable: string, value: unknown): string {
  const shown: Shown | undefined = Reflect.getMetadata(SHOWN, environment, variable);
  return JSON.stringify(shown && typeof value === 'string' ? shown(value) : value);
}
