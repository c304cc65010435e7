// npm run bench [-- --quick] [-- --only 1,3] [-- --profile]: measures the built apps against
// minimal baselines on a nats-server of its own, prints one table, writes tmp/bench/results.json.
// With `--role <name>` this bundle is one of the bench's child processes instead; with
// `--summarise <file.cpuprofile>` it prints where a profile's CPU time went.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { stopAll } from './cleanup';
import { WORKSPACE } from './launcher';
import { describeMachine } from './machine';
import { type BenchOptions, parseOptions } from './options';
import { formatProfile, summariseProfile } from './profile-summary';
import { Profiles } from './profiles';
import { progress } from './progress';
import type { ScenarioResult } from './report';
import { runRole } from './roles';
import { ingestScenario } from './scenarios/s1-ingest';
import { batchScenario } from './scenarios/s2-batch';
import { foldScenario } from './scenarios/s3-fold';
import { endToEndScenario } from './scenarios/s4-e2e';
import { fanOutScenario } from './scenarios/s5-fanout';
import { clusterScenario } from './scenarios/s6-cluster';
import { startSystem, type System } from './scenarios/system';
import { renderTable } from './table';

const TITLES: Record<number, string> = {
  1: 'ingest',
  2: 'batch ingest',
  3: 'the fold',
  4: 'end to end',
  5: 'fan-out',
  6: 'the cluster',
};

/**
 * Runs one scenario; a failure becomes a row of the table. Everything it started is stopped
 * afterwards, unless `keep` (the system that scenario 5 reuses after 4) and it succeeded.
 */
async function attempt(id: number, run: () => Promise<ScenarioResult>, keep = false): Promise<ScenarioResult> {
  const started = performance.now();
  const took = () => (performance.now() - started) / 1000;
  try {
    const result = { ...(await run()), seconds: took() };
    if (!keep) await stopAll();
    return result;
  } catch (error) {
    const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
    progress(`scenario ${id} failed: ${message}`);
    await stopAll();
    return { id, title: TITLES[id], rows: [], details: {}, error: message, seconds: took() };
  }
}

async function bench(options: BenchOptions): Promise<void> {
  const started = performance.now();
  const machine = describeMachine();
  const profiles = new Profiles(options.profile);
  const results: ScenarioResult[] = [];
  const record = (result: ScenarioResult) => {
    results.push(result);
    const summaries = profiles.collect();
    if (summaries.length) result.details['profiles'] = summaries;
  };
  if (options.only.has(1)) record(await attempt(1, () => ingestScenario(options)));
  if (options.only.has(2)) record(await attempt(2, () => batchScenario(options)));
  if (options.only.has(3)) record(await attempt(3, () => foldScenario(options)));
  // 4 and 5 share one running system, started for the first of them and stopped after the last.
  let system: System | undefined;
  const withSystem = async () => (system ??= await startSystem());
  const closeAdmin = async () => {
    await system?.admin.close();
    system = undefined;
  };
  if (options.only.has(4)) {
    const keep = options.only.has(5);
    record(
      await attempt(
        4,
        async () => endToEndScenario(options, await withSystem()).finally(keep ? () => undefined : closeAdmin),
        keep,
      ),
    );
    if (results[results.length - 1].error) await closeAdmin();
  }
  if (options.only.has(5))
    record(await attempt(5, async () => fanOutScenario(options, await withSystem()).finally(closeAdmin)));
  if (options.only.has(6)) record(await attempt(6, () => clusterScenario(options)));
  await stopAll();

  const seconds = (performance.now() - started) / 1000;
  console.log(renderTable(machine, options, results, seconds));
  const out = resolve(WORKSPACE, options.out);
  mkdirSync(dirname(out), { recursive: true });
  const json = {
    machine,
    options: { ...options, only: [...options.only], profile: [...options.profile] },
    seconds,
    results,
  };
  writeFileSync(out, JSON.stringify(json, null, 2));
  console.log(`results: ${out}`);
  if (results.some((result) => result.error)) process.exitCode = 1;
  // Everything is stopped: if a leaked handle still keeps the process alive, say so and exit.
  setTimeout(() => {
    console.error('bench: a leaked handle kept the process alive; exiting');
    process.exit();
  }, 5_000).unref();
}

const args = process.argv.slice(2);
if (args[0] === '--role') runRole(args[1]);
else if (args[0] === '--summarise') console.log(formatProfile(summariseProfile(args[1])));
else
  bench(parseOptions(args)).catch(async (error: unknown) => {
    console.error('bench failed:', error);
    await stopAll();
    process.exitCode = 1;
  });
