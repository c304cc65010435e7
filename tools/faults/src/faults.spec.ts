import { DEFAULT_ROUND, runScenario, SCENARIOS } from './scenarios';

// The cluster fault scenarios 1-4, one round each, on a fresh three-node cluster per round:
// `npm run faults -- --rounds N` runs more of them, and 5 and 6, with a table.
const ROUND_TIMEOUT_MS = 240_000;

describe.each(SCENARIOS.filter(({ id }) => id <= 4))('$id. $title', (scenario) => {
  test(
    'every trade that got a 202 is stored and counted exactly once',
    async () => {
      const { audit, fault } = await runScenario(scenario, 1, { ...DEFAULT_ROUND, log: () => undefined });
      expect(fault).not.toBe('');
      expect({ lost: audit.lost, doubled: audit.doubled }).toEqual({ lost: 0, doubled: 0 });
      expect(audit.accepted).toBe(audit.sent);
      expect(audit.stored).toBe(audit.accepted);
      expect(audit.counted).toBe(audit.stored);
      expect(audit.onWebSocket).toBe(audit.counted);
      expect(audit.verify).toEqual({ agrees: true, output: expect.stringContaining('all figures agree') });
    },
    ROUND_TIMEOUT_MS,
  );
});
