import { clusterLayout, portsOf } from './layout';
import { parseOptions, UsageError } from './options';

describe('npm run cluster: flags', () => {
  it('defaults to one instance of each app and nodes on 4222-4224', () => {
    expect(parseOptions([])).toEqual({
      ingest: 1,
      process: 1,
      stats: 1,
      natsPorts: [4222, 4223, 4224],
      syncAlways: false,
      help: false,
    });
  });

  it('reads counts, ports, --sync-always and --help, in either form', () => {
    expect(
      parseOptions([
        '--ingest',
        '2',
        '--process=3',
        '--stats',
        '10',
        '--nats-ports',
        '5222,5223,5224',
        '--sync-always',
        '-h',
      ]),
    ).toEqual({
      ingest: 2,
      process: 3,
      stats: 10,
      natsPorts: [5222, 5223, 5224],
      syncAlways: true,
      help: true,
    });
  });

  it.each([
    [['--ingets', '2'], "Unknown option '--ingets'"],
    [['--ingest'], "Option '--ingest <value>' argument missing"],
    [['--ingest', '0'], "--ingest takes a whole number of instances from 1 to 10, not '0'"],
    [['--process', '11'], "--process takes a whole number of instances from 1 to 10, not '11'"],
    [['--stats', '1.5'], "--stats takes a whole number of instances from 1 to 10, not '1.5'"],
    [['--nats-ports', '4222,4223'], '--nats-ports takes three different ports from 1024 to 61535'],
    [['--nats-ports', '4222,4222,4224'], '--nats-ports takes three different ports'],
    [['--nats-ports', '4222,4223,64000'], '--nats-ports takes three different ports'],
    [['--nats-ports', '4222,4223,61536'], '--nats-ports takes three different ports from 1024 to 61535'],
    [['--sync-always=yes'], "Option '--sync-always' does not take an argument"],
    [['start'], "Unexpected argument 'start'"],
  ])('refuses %j: %s', (args, message) => {
    const parsing = () => parseOptions(args);
    expect(parsing).toThrow(UsageError);
    expect(parsing).toThrow(message);
  });
});

describe('npm run cluster: where everything listens', () => {
  it('keeps one instance of each app on the ports of npm start', () => {
    const layout = clusterLayout(parseOptions([]));
    expect(layout.apps.map((app) => [app.name, app.port])).toEqual([
      ['ingest-1', 3001],
      ['stats-1', 3002],
      ['process-1', 3003],
    ]);
    expect(layout.nodes).toEqual([
      { name: 'n1', clientPort: 4222, clusterPort: 6222, monitorPort: 8222, url: 'nats://127.0.0.1:4222' },
      { name: 'n2', clientPort: 4223, clusterPort: 6223, monitorPort: 8223, url: 'nats://127.0.0.1:4223' },
      { name: 'n3', clientPort: 4224, clusterPort: 6224, monitorPort: 8224, url: 'nats://127.0.0.1:4224' },
    ]);
  });

  it('numbers further instances by tens, tells every app of all three nodes and names process instances apart', () => {
    const layout = clusterLayout(parseOptions(['--ingest', '2', '--process', '2', '--stats', '3']));
    expect(layout.apps.map((app) => `${app.name}:${app.port}`)).toEqual([
      'ingest-1:3001',
      'ingest-2:3011',
      'stats-1:3002',
      'stats-2:3012',
      'stats-3:3022',
      'process-1:3003',
      'process-2:3013',
    ]);
    for (const app of layout.apps) {
      expect(app.env).toMatchObject({
        NATS_URL: 'nats://127.0.0.1:4222,nats://127.0.0.1:4223,nats://127.0.0.1:4224',
        JS_REPLICAS: '3',
        PORT: String(app.port),
        HOST: '127.0.0.1',
      });
      expect(app.env['INSTANCE_ID']).toBe(app.app === 'process' ? app.name : undefined);
    }
    expect(new Set(portsOf(layout)).size).toBe(portsOf(layout).length);
  });

  it('logs each app in to every node as its own user when given the passwords; the nodes are listed without them', () => {
    const layout = clusterLayout(parseOptions(['--process', '2']), { ingest: 'pi', stats: 'ps', process: 'pp' });
    expect(layout.natsUrl).toBe('nats://127.0.0.1:4222,nats://127.0.0.1:4223,nats://127.0.0.1:4224');
    const logins = (user: string, password: string) =>
      [4222, 4223, 4224].map((port) => `nats://${user}:${password}@127.0.0.1:${port}`).join(',');
    expect(layout.apps.map((app) => [app.name, app.env['NATS_URL']])).toEqual([
      ['ingest-1', logins('ingest', 'pi')],
      ['stats-1', logins('stats', 'ps')],
      ['process-1', logins('process', 'pp')],
      ['process-2', logins('process', 'pp')],
    ]);
  });

  it('refuses node ports that an app or another node would use', () => {
    expect(() => clusterLayout(parseOptions(['--nats-ports', '3001,3002,3003']))).toThrow(
      'port 3001, 3002, 3003 would serve two things',
    );
    expect(() => clusterLayout(parseOptions(['--nats-ports', '4222,6222,4224']))).toThrow(
      'port 6222, 8222 would serve two things',
    );
    expect(() => clusterLayout(parseOptions(['--nats-ports', '4222,8222,4224']))).toThrow(
      'port 8222 would serve two things',
    );
  });
});
