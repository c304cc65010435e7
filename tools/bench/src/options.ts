// Command line: `--quick`, `--only 1,3`, `--profile`, `--out <file>`.

export interface BenchOptions {
  quick: boolean;
  only: Set<number>;
  /** Apps to run under `node --cpu-prof` (`--profile` alone: ingest); each profile is summarised. */
  profile: Set<string>;
  out: string;
  /** Rounds per figure of scenarios 1-3, system and baseline alternating. */
  rounds: number;
  roundSeconds: number;
  warmupSeconds: number;
  /** Connections of scenario 1. */
  connections: number;
  batchSize: number;
  batchConnections: number;
  foldTrades: number;
  e2eSeconds: number;
  e2eRate: number;
  fanoutSeconds: number;
  fullClients: number;
  fullRate: number;
  summaryClients: number;
  summaryRate: number;
  /** Scenario 6: seconds of each ingest round (its rounds are `rounds`), and the trades of its folds. */
  clusterRoundSeconds: number;
  clusterFoldTrades: number;
}

export const SCENARIOS = [1, 2, 3, 4, 5, 6];

const USAGE = `usage: npm run bench -- [--quick] [--only 1,3] [--profile[=ingest,process,stats]] [--e2e-rate 5000] [--out tmp/bench/results.json]
       node dist/tools/bench/main.js --summarise <file.cpuprofile>
  1 ingest (one trade per request) vs a minimal node:http reference
  2 batch ingest vs raw nats.js publishing
  3 the fold (process) vs a raw consumer
  4 end to end: 202 to WebSocket
  5 fan-out: many WebSocket clients
  6 the cluster: ingest and the fold on a three-node R3 cluster vs one nats-server; two ingest instances vs one`;

export function parseOptions(args: string[]): BenchOptions {
  let quick = false;
  let profile = new Set<string>();
  let only = new Set(SCENARIOS);
  let out = 'tmp/bench/results.json';
  let e2eRate = 5_000;
  for (let i = 0; i < args.length; i++) {
    const [flag, inline] = args[i].split('=', 2) as [string, string | undefined];
    const value = () => inline ?? args[++i] ?? fail(`${flag} needs a value`);
    switch (flag) {
      case '--quick':
        quick = true;
        break;
      case '--profile':
        profile = new Set((inline ?? 'ingest').split(',').map((app) => app.trim()));
        break;
      case '--only':
        only = new Set(
          value()
            .split(',')
            .map((part) => Number(part.trim())),
        );
        for (const scenario of only) if (!SCENARIOS.includes(scenario)) fail(`no scenario ${scenario}`);
        break;
      case '--out':
        out = value();
        break;
      case '--e2e-rate':
        e2eRate = Number(value());
        if (!(e2eRate >= 100 && e2eRate <= 100_000 && e2eRate % 100 === 0))
          fail('--e2e-rate is a multiple of 100 from 100 to 100000');
        break;
      case '--help':
      case '-h':
        console.log(USAGE);
        process.exit(0);
        break;
      default:
        fail(`unknown argument ${args[i]}`);
    }
  }
  return {
    quick,
    only,
    profile,
    out,
    rounds: quick ? 1 : 3,
    roundSeconds: quick ? 3 : 10,
    warmupSeconds: quick ? 0.5 : 2,
    connections: 64,
    batchSize: 500,
    batchConnections: 4,
    foldTrades: quick ? 50_000 : 500_000,
    e2eSeconds: quick ? 5 : 30,
    e2eRate,
    fanoutSeconds: quick ? 3 : 20,
    fullClients: quick ? 100 : 500,
    fullRate: 2_000,
    summaryClients: quick ? 200 : 1_000,
    summaryRate: 5_000,
    clusterRoundSeconds: quick ? 2 : 10,
    clusterFoldTrades: quick ? 20_000 : 500_000,
  };
}

function fail(message: string): never {
  console.error(`bench: ${message}\n${USAGE}`);
  process.exit(2);
}
