import { IsInt, Min } from 'class-validator';
import { RuntimeEnvironment, validateEnvironment } from '../index';

class AppEnvironment extends RuntimeEnvironment {
  override PORT: number = 3001;

  @IsInt()
  @Min(1)
  BATCH: number = 10;
}

const validate = validateEnvironment(AppEnvironment);

describe('validateEnvironment', () => {
  test('gives the defaults when nothing is set, and treats an empty variable as unset', () => {
    expect(validate({ PORT: '' })).toMatchObject({ PORT: 3001, HOST: '127.0.0.1', LOG_LEVEL: 'info', BATCH: 10 });
  });

  test('reads numbers as numbers, in the base class and the subclass alike', () => {
    const environment = validate({ PORT: '4005', BATCH: '7', LOG_LEVEL: 'debug', OTHER: 'ignored' });
    expect(environment).toMatchObject({ PORT: 4005, BATCH: 7, LOG_LEVEL: 'debug' });
    expect(environment).toBeInstanceOf(AppEnvironment);
    expect(environment).not.toHaveProperty('OTHER');
  });

  test('names every bad variable with its value and the rule it breaks', () => {
    const invalid = () => validate({ PORT: 'abc', BATCH: '0', LOG_LEVEL: 'loud' });
    expect(invalid).toThrow(/^Invalid environment:\n/);
    expect(invalid).toThrow(/\n {2}LOG_LEVEL="loud": LOG_LEVEL must be one of fatal, error/);
    expect(invalid).toThrow(/\n {2}PORT="abc": .*PORT must be an integer number/);
    expect(invalid).toThrow(/\n {2}BATCH="0": BATCH must not be less than 1/);
  });

  test('refuses a port out of range', () => {
    expect(() => validate({ PORT: '70000' })).toThrow(/PORT="70000": PORT must not be greater than 65535/);
  });

  test('bounds slow and idle HTTP clients by default, and has no CORS origin', () => {
    expect(validate({})).toMatchObject({
      HTTP_HEADERS_TIMEOUT_MS: 10_000,
      HTTP_REQUEST_TIMEOUT_MS: 30_000,
      HTTP_KEEP_ALIVE_TIMEOUT_MS: 5_000,
      HTTP_MAX_CONNECTIONS: 10_000,
      CORS_ORIGINS: '',
    });
  });

  test('refuses an HTTP limit of 0, which Node reads as none', () => {
    const invalid = () =>
      validate({
        HTTP_HEADERS_TIMEOUT_MS: '0',
        HTTP_REQUEST_TIMEOUT_MS: '50',
        HTTP_KEEP_ALIVE_TIMEOUT_MS: '0',
        HTTP_MAX_CONNECTIONS: '0',
      });
    expect(invalid).toThrow(/HTTP_HEADERS_TIMEOUT_MS="0": .*must be a positive number/);
    expect(invalid).toThrow(/HTTP_REQUEST_TIMEOUT_MS="50": HTTP_REQUEST_TIMEOUT_MS must not be less than 100/);
    expect(invalid).toThrow(/HTTP_KEEP_ALIVE_TIMEOUT_MS="0": .*must be a positive number/);
    expect(invalid).toThrow(/HTTP_MAX_CONNECTIONS="0": .*must be a positive number/);
  });
});
