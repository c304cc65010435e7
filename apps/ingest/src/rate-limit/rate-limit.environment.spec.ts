import { validateEnvironment } from '@tradeflow/platform';
import { IngestEnvironment } from '../app/ingest.environment';

const validate = validateEnvironment(IngestEnvironment);

describe("ingest's rate-limit settings", () => {
  it('are off by default, with limits ready for when they are on', () => {
    expect(validate({})).toMatchObject({
      RATE_LIMIT: 'off',
      RATE_LIMIT_USER_PER_SECOND: 100,
      RATE_LIMIT_USER_BURST: 1000,
      RATE_LIMIT_CLIENT_PER_SECOND: 10_000,
      RATE_LIMIT_CLIENT_BURST: 20_000,
    });
  });

  it('take a fraction of a trade a second and whole bursts', () => {
    const environment = validate({ RATE_LIMIT: 'on', RATE_LIMIT_USER_PER_SECOND: '0.5', RATE_LIMIT_USER_BURST: '3' });
    expect(environment).toMatchObject({ RATE_LIMIT: 'on', RATE_LIMIT_USER_PER_SECOND: 0.5, RATE_LIMIT_USER_BURST: 3 });
  });

  test.each([
    ['RATE_LIMIT', 'yes', 'RATE_LIMIT must be on or off'],
    ['RATE_LIMIT_USER_PER_SECOND', '0', 'must be a positive number'],
    ['RATE_LIMIT_CLIENT_PER_SECOND', 'many', 'must be a number'],
    ['RATE_LIMIT_USER_BURST', '1.5', 'must be an integer'],
    ['RATE_LIMIT_CLIENT_BURST', '0', 'must be a positive number'],
  ])('refuse %s=%s at start, naming it', (name, value, reason) => {
    expect(() => validate({ [name]: value })).toThrow(new RegExp(`${name}="${value}": .*${reason}`));
  });
});
