import { parseOptions, UsageError } from './options';

describe('npm run load: options', () => {
  it('sends 500 trades a second for a minute to the local ingest by default', () => {
    expect(parseOptions([])).toEqual({
      rate: 500,
      durationSeconds: 60,
      count: undefined,
      via: 'http',
      batch: undefined,
      url: 'http://127.0.0.1:3001',
      natsUrl: undefined,
      invalid: 0,
      offMarket: 0,
      fastUser: false,
      maxInFlight: 256,
      json: false,
      help: false,
    });
  });

  it('reads every HTTP option, in either form', () => {
    expect(
      parseOptions([
        '--rate',
        '2000',
        '--duration=90.5',
        '--count',
        '100000',
        '--via',
        'http',
        '--batch',
        '100',
        '--url',
        'https://ingest.example:8443',
        '--invalid',
        '0.01',
        '--off-market',
        '0.02',
        '--fast-user',
        '--max-in-flight',
        '64',
        '--json',
        '-h',
      ]),
    ).toEqual({
      rate: 2000,
      durationSeconds: 90.5,
      count: 100_000,
      via: 'http',
      batch: 100,
      url: 'https://ingest.example:8443',
      natsUrl: undefined,
      invalid: 0.01,
      offMarket: 0.02,
      fastUser: true,
      maxInFlight: 64,
      json: true,
      help: true,
    });
  });

  it('reads the NATS options', () => {
    expect(parseOptions(['--via', 'nats', '--nats-url', 'nats://a:4222,nats://b:4222', '--rate', '0.5'])).toMatchObject(
      {
        via: 'nats',
        natsUrl: 'nats://a:4222,nats://b:4222',
        rate: 0.5,
      },
    );
  });

  it('is bounded by the count alone when only --count is given, by whichever ends first when both are', () => {
    expect(parseOptions(['--count', '10'])).toMatchObject({ count: 10, durationSeconds: undefined });
    expect(parseOptions(['--count', '10', '--duration', '5'])).toMatchObject({ count: 10, durationSeconds: 5 });
  });

  it('takes ingest’s address without a trailing slash', () => {
    expect(parseOptions(['--url', 'http://127.0.0.1:3011/']).url).toBe('http://127.0.0.1:3011');
  });

  it.each([
    [['--rate'], "Option '--rate <value>' argument missing"],
    [['--rate', '0'], "--rate takes trades a second, a number above 0, at most 1000000, not '0'"],
    [['--rate=-5'], "--rate takes trades a second, a number above 0, at most 1000000, not '-5'"],
    [['--rate', '2k'], "--rate takes trades a second, a number above 0, at most 1000000, not '2k'"],
    [['--rate', '1000001'], '--rate takes trades a second'],
    [['--duration', '0'], "--duration takes seconds, a number above 0, not '0'"],
    [['--duration', '1m'], "--duration takes seconds, a number above 0, not '1m'"],
    [['--count', '0'], "--count takes a whole number 1 or more, not '0'"],
    [['--count', '1.5'], "--count takes a whole number 1 or more, not '1.5'"],
    [['--via', 'grpc'], "--via takes http or nats, not 'grpc'"],
    [['--batch', '0'], "--batch takes a whole number from 1 to 1000, not '0'"],
    [['--batch', '1001'], "--batch takes a whole number from 1 to 1000, not '1001'"],
    [['--url', 'localhost:3001'], "--url takes ingest's address, such as http://127.0.0.1:3001, not 'localhost:3001'"],
    [['--url', 'ftp://127.0.0.1'], "--url takes ingest's address"],
    [['--url', 'http://127.0.0.1:3001/transactions'], "--url takes ingest's address"],
    [['--invalid', '1.5'], "--invalid takes a share from 0 to 1 (0.01 is 1%), not '1.5'"],
    [['--invalid', '5%'], "--invalid takes a share from 0 to 1 (0.01 is 1%), not '5%'"],
    [['--off-market', '2'], "--off-market takes a share from 0 to 1 (0.01 is 1%), not '2'"],
    [['--off-market=-0.1'], "--off-market takes a share from 0 to 1 (0.01 is 1%), not '-0.1'"],
    [['--fast-user=5'], "Option '--fast-user' does not take an argument"],
    [['--max-in-flight', '0'], "--max-in-flight takes a whole number from 1 to 10000, not '0'"],
    [['--via', 'nats', '--batch', '10'], '--batch is for --via http, and this run sends --via nats'],
    [['--via', 'nats', '--url', 'http://127.0.0.1:3001'], '--url is for --via http, and this run sends --via nats'],
    [['--nats-url', 'nats://127.0.0.1:4222'], '--nats-url is for --via nats, and this run sends --via http'],
    [['--json=yes'], "Option '--json' does not take an argument"],
    [['--rat', '5'], "Unknown option '--rat'"],
    [['2000'], "Unexpected argument '2000'"],
  ])('refuses %j: %s', (args, message) => {
    const parsing = () => parseOptions(args);
    expect(parsing).toThrow(UsageError);
    expect(parsing).toThrow(message);
  });
});
