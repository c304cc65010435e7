// Resource usage of the processes of a scenario over each measured run, and its medians.
import { median } from '../stats';
import type { Usage } from '../proc-usage';

export type UsageByProcess = Record<string, Usage>;

/** Median CPU % per process name over runs. */
export function medianCpu(runs: UsageByProcess[], name: string): number | undefined {
  const values = runs.map((run) => run[name]?.cpuPercent).filter((v): v is number => v !== undefined);
  return values.length ? median(values) : undefined;
}
