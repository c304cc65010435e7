import type { ScenarioResult } from './scenarios';

/** Nothing lost, nothing doubled, and every count agrees with every other. */
export function isExact({ audit }: ScenarioResult): boolean {
  const { sent, accepted, stored, counted, onWebSocket, lost, doubled, verify } = audit;
  return (
    lost === 0 &&
    doubled === 0 &&
    accepted === sent &&
    stored === accepted &&
    counted === stored &&
    onWebSocket === counted &&
    verify.agrees
  );
}

const COLUMNS = [
  'scenario',
  'round',
  'sent',
  '202s',
  'stored',
  'counted',
  'on WS',
  'lost',
  'doubled',
  'verify',
  '503 window ms',
  'refused',
  'stream silent ms',
  'fold stall ms',
  'WS gap ms',
];

function row({ scenario, round, audit, availability }: ScenarioResult): string[] {
  return [
    scenario.split('.')[0],
    String(round),
    String(audit.sent),
    String(audit.accepted),
    String(audit.stored),
    String(audit.counted),
    String(audit.onWebSocket),
    String(audit.lost),
    String(audit.doubled),
    audit.verify.agrees ? 'agrees' : 'DIFFERS',
    String(availability.ingestRefusedMs),
    String(availability.refusedAttempts),
    String(availability.streamUnansweredMs),
    String(availability.foldStallMs),
    String(availability.webSocketGapMs),
  ];
}

/** One Markdown table of the rounds; with `summary`, a line per scenario with its worst windows. */
export function formatResults(results: ScenarioResult[], summary: boolean): string {
  const lines = [
    `| ${COLUMNS.join(' | ')} |`,
    `|${COLUMNS.map(() => '---').join('|')}|`,
    ...results.map((result) => `| ${row(result).join(' | ')} |`),
  ];
  for (const result of results) {
    lines.push(`  ${result.scenario}, round ${result.round}: ${result.fault}`);
    if (!result.audit.verify.agrees) lines.push(`  verify: ${result.audit.verify.output}`);
  }
  if (!summary) return lines.join('\n');
  const scenarios = [...new Set(results.map(({ scenario }) => scenario))];
  lines.push('', 'worst of each scenario (ms): 503 window, stream silent, fold stall, WebSocket gap; rounds exact');
  for (const scenario of scenarios) {
    const rounds = results.filter((result) => result.scenario === scenario);
    const worst = (pick: (result: ScenarioResult) => number) => Math.max(...rounds.map(pick));
    lines.push(
      `  ${scenario}: ${worst((r) => r.availability.ingestRefusedMs)}, ${worst((r) => r.availability.streamUnansweredMs)}, ${worst((r) => r.availability.foldStallMs)}, ` +
        `${worst((r) => r.availability.webSocketGapMs)}; ${rounds.filter(isExact).length} of ${rounds.length}`,
    );
  }
  return lines.join('\n');
}
