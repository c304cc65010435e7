import { IsIn, IsInt, IsNotEmpty, IsString, Max, Min, validateSync } from 'class-validator';
import { PositiveCount } from './count';
import { IsOriginList } from './origin-list';
import { shownValue } from './secret';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

/**
 * What every app reads from its environment. Each app extends it with its own variables and
 * overrides PORT's default; the property initialisers are the defaults.
 */
export class RuntimeEnvironment {
  @IsIn(LOG_LEVELS, { message: `LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}` })
  LOG_LEVEL: string = 'info';

  /** Loopback by default; a container sets 0.0.0.0. */
  @IsString()
  @IsNotEmpty()
  HOST: string = '127.0.0.1';

  @IsInt()
  @Min(0)
  @Max(65535)
  PORT: number = 3000;

  // What a slow or idle HTTP client may hold (see limitConnections). The keep-alive timeout is
  // Node's own default; Fastify's 72 s would let idle connections pile up.
  @PositiveCount() @Min(100) @Max(600_000) HTTP_HEADERS_TIMEOUT_MS: number = 10_000;
  @PositiveCount() @Min(100) @Max(3_600_000) HTTP_REQUEST_TIMEOUT_MS: number = 30_000;
  @PositiveCount() @Max(600_000) HTTP_KEEP_ALIVE_TIMEOUT_MS: number = 5_000;
  @PositiveCount() HTTP_MAX_CONNECTIONS: number = 10_000;

  /** Origins whose pages may call the app (CORS), comma-separated; none by default. */
  @IsOriginList() CORS_ORIGINS: string = '';
}

/**
 * A ConfigModule `validate` function: reads the class's variables from the environment (a number
 * where the default is a number), keeps the defaults of those unset or empty, and fails at boot
 * with every bad variable named (a secret one's value hidden, see Secret).
 */
export function validateEnvironment<T extends object>(type: new () => T) {
  return (raw: Record<string, unknown>): T => {
    const environment = new type() as Record<string, unknown>;
    for (const [key, fallback] of Object.entries(environment)) {
      const value = raw[key];
      if (typeof value !== 'string' || value === '') continue;
      environment[key] = typeof fallback === 'number' ? Number(value) : value;
    }
    const errors = validateSync(environment);
    if (errors.length) {
      const lines = errors.map(
        (error) =>
          `  ${error.property}=${shownValue(environment, error.property, raw[error.property])}: ${Object.values(error.constraints ?? {}).join('; ')}`,
      );
      throw new Error(`Invalid environment:\n${lines.join('\n')}`);
    }
    return environment as T;
  };
}
