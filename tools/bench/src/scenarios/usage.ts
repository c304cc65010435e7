// Resource usage of the processes of a scenario over each measured run, and its medians.
import { median } from '../stats';
import type { Usage } from '../proc-usage';
import { fmtCpu } from '../report';

export type UsageByProcess = Record<string, Usage>;

/**
 * Median CPU % over runs of one process, or of several together (a cluster's nodes, two
 * instances of an app: summed within each run, a run counting only if it metered all of them).
 */
export function medianCpu(runs: UsageByProcess[], name: string | string[]): number | undefined {
  const names = typeof name === 'string' ? [name] : name;
  const values = runs
    .map((run) =>
      names.reduce<number | undefined>(
        (sum, one) => (sum === undefined || run[one] === undefined ? undefined : sum + run[one].cpuPercent),
        0,
      ),
    )
    .filter((v): v is number => v !== undefined);
  return values.length && names.length ? median(values) : undefined;
}

/** The median CPU % of each named process over runs, as a table's `a / b / c` column. */
export const cpuColumns = (runs: { usage: UsageByProcess }[], names: string[]): string =>
  fmtCpu(
    names.map((name) =>
      medianCpu(
        runs.map((run) => run.usage),
        name,
      ),
    ),
  );
