// The one table the bench prints: a header naming the machine, then per scenario its title,
// what the baseline is, and a row per figure.
import type { Machine } from './machine';
import type { BenchOptions } from './options';
import type { Row, ScenarioResult } from './report';

const HEADINGS = ['figure', 'tradeflow', 'baseline', 'ratio', 'target', ''];

const cells = (row: Row): string[] => [
  `  ${row.figure}`,
  row.system,
  row.baseline ?? '',
  row.ratio === undefined ? '' : Number.isFinite(row.ratio) ? row.ratio.toFixed(2) : '–',
  row.target ?? '',
  row.ok === undefined ? '' : row.ok ? 'ok' : 'MISS',
];

const errorCells = (error: string): string[] => ['  FAILED: ' + error.split('\n')[0].slice(0, 120), '', '', '', '', ''];

export function renderTable(
  machine: Machine,
  options: BenchOptions,
  results: ScenarioResult[],
  seconds: number,
): string {
  const rowsOf = (result: ScenarioResult) => [
    ...(result.error ? [errorCells(result.error)] : []),
    ...result.rows.map(cells),
  ];
  const all = results.flatMap(rowsOf).filter((line) => !line[0].startsWith('  FAILED'));
  const widths = HEADINGS.map((heading, column) => Math.max(heading.length, ...all.map((line) => line[column].length)));
  const render = (line: string[]) =>
    line
      .map((cell, column) => (column === 0 ? cell.padEnd(widths[column]) : cell.padStart(widths[column])))
      .join('  ')
      .trimEnd();
  const rule = '-'.repeat(widths.reduce((sum, width) => sum + width + 2, -2));
  const out = [
    `tradeflow bench, ${options.quick ? 'quick' : 'full'}: figures of 1-3 and 6 are medians of ${options.rounds} round(s) of ` +
      `${options.roundSeconds} s (6's ingest: ${options.clusterRoundSeconds} s), the sides alternating; whole run ${Math.round(seconds)} s`,
    `machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB RAM; node ${machine.node}; nats-server ${machine.natsServer}`,
    rule,
    render(HEADINGS),
    rule,
  ];
  for (const result of results) {
    const took = result.seconds === undefined ? '' : ` [${Math.round(result.seconds)} s]`;
    out.push(`${result.id}. ${result.title}${result.baseline ? ` | baseline: ${result.baseline}` : ''}${took}`);
    for (const line of rowsOf(result)) out.push(line[0].startsWith('  FAILED') ? line[0] : render(line));
  }
  out.push(rule);
  return out.join('\n');
}
