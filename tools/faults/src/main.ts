// `npm run faults`: the cluster fault scenarios, each round on a fresh three-node cluster, and a
// table of what became of the trades and how long each fault kept the system from serving.
// Exit status: 0 when every round lost and doubled nothing and every count agrees, else 1.
import { parseArgs } from 'node:util';
import { DEFAULT_ROUND, runScenario, SCENARIOS, type ScenarioResult } from './scenarios';
import { formatResults, isExact } from './table';

const USAGE = `usage: npm run faults -- [--rounds N] [--only 1,3] [--trades N] [--rate N]
  --rounds N   rounds of each scenario (default 1), each with its own random fault instant
  --only LIST  the scenarios to run (default all: ${SCENARIOS.map(({ id }) => id).join(',')})
  --trades N   trades a round (default ${DEFAULT_ROUND.trades}), sent at --rate a second (default ${DEFAULT_ROUND.rate})`;

function options() {
  const { values } = parseArgs({
    options: {
      rounds: { type: 'string', default: '1' },
      only: { type: 'string' },
      trades: { type: 'string', default: String(DEFAULT_ROUND.trades) },
      rate: { type: 'string', default: String(DEFAULT_ROUND.rate) },
      help: { type: 'boolean', default: false },
    },
  });
  const count = (name: string, text: string) => {
    const value = Number(text);
    if (!Number.isInteger(value) || value < 1)
      throw new Error(`--${name} takes a whole number of at least 1, not ${text}`);
    return value;
  };
  const only = values.only?.split(',').map((id) => count('only', id)) ?? SCENARIOS.map(({ id }) => id);
  const unknown = only.filter((id) => !SCENARIOS.some((scenario) => scenario.id === id));
  if (unknown.length) throw new Error(`no scenario ${unknown.join(', ')}`);
  return {
    help: values.help,
    rounds: count('rounds', values.rounds),
    scenarios: SCENARIOS.filter(({ id }) => only.includes(id)),
    round: { ...DEFAULT_ROUND, trades: count('trades', values.trades), rate: count('rate', values.rate) },
  };
}

async function main(): Promise<number> {
  let chosen;
  try {
    chosen = options();
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  if (chosen.help) {
    console.log(USAGE);
    return 0;
  }
  const results: ScenarioResult[] = [];
  for (const scenario of chosen.scenarios) {
    for (let round = 1; round <= chosen.rounds; round++) {
      console.log(`${scenario.id}. ${scenario.title}: round ${round} of ${chosen.rounds}`);
      const result = await runScenario(scenario, round, { ...chosen.round, log: (line) => console.log(line) });
      results.push(result);
      console.log(formatResults([result], false));
    }
  }
  console.log(`\n${formatResults(results, true)}`);
  return results.every(isExact) ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`faults: ${(error as Error).stack ?? String(error)}`);
    process.exit(2);
  },
);
