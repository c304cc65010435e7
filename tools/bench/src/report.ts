// What a scenario hands back: table rows, and everything measured, for the JSON file.

export interface Row {
  figure: string;
  system: string;
  baseline?: string;
  ratio?: number;
  target?: string;
  /** Whether the target is met; undefined when the row has no target. */
  ok?: boolean;
}

export interface ScenarioResult {
  id: number;
  title: string;
  /** What the baseline column holds for this scenario. */
  baseline?: string;
  rows: Row[];
  /** Raw figures per round, resource usage, notes. */
  details: Record<string, unknown>;
  error?: string;
  /** Wall-clock time the scenario took, set by main. */
  seconds?: number;
}

const group = (value: number) => Math.round(value).toLocaleString('en-US');

/** Numbers as the table shows them: thousands grouped, small ones with a decimal or two. */
export function fmt(value: number | undefined): string {
  if (value === undefined || !Number.isFinite(value)) return '–';
  if (Math.abs(value) >= 100) return group(value);
  if (Math.abs(value) >= 10) return value.toFixed(1);
  return value.toFixed(2);
}

export const fmtCpu = (values: (number | undefined)[]): string =>
  values.map((v) => (v === undefined ? '–' : Math.round(v))).join(' / ');

/**
 * CPU % by role, then their sum: how much of the machine the roles used together (200 = two
 * cores); then, when given, what every process on the machine used (the bench's and others').
 */
export function fmtCpuTotal(values: (number | undefined)[], machine?: number): string {
  const known = values.filter((v): v is number => v !== undefined && Number.isFinite(v));
  const sum = known.length ? String(Math.round(known.reduce((total, v) => total + v, 0))) : '–';
  return `${fmtCpu(values)} = ${sum}${machine === undefined ? '' : `; ${Number.isFinite(machine) ? Math.round(machine) : '–'}`}`;
}

/**
 * The ratio system / baseline of each round (the sides of a round ran minutes apart at most, so
 * their ratio is spared the drift between rounds), as `0.82 / 1.08 / 0.95`.
 */
export function fmtRoundRatios(system: number[], baseline: number[]): string {
  return system
    .map((value, round) => (Number.isFinite(value / baseline[round]) ? (value / baseline[round]).toFixed(2) : '–'))
    .join(' / ');
}
