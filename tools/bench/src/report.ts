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

export const fmtCpu = (values: (number | undefined)[]): string => values.map((v) => (v === undefined ? '–' : Math.round(v))).join(' / ');
