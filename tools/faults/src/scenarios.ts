import { WsClient } from '@tradeflow/testing';
import { audit, type Audit, kvTotal, settle, streamMessages } from './audit';
import { ClusterSystem, type SystemShape } from './cluster-system';
import { type LoadResult, sendTrades } from './trade-load';

/** What a fault did to availability, in milliseconds from its instant. */
export interface Availability {
  /** From the fault to the last refused (or broken) HTTP attempt after it; 0 when none failed. */
  ingestRefusedMs: number;
  /** Refused or broken HTTP attempts after the fault. */
  refusedAttempts: number;
  /** The longest time KV's total stood still while TRANSACTIONS held trades it had not counted. */
  foldStallMs: number;
  /** The longest gap between two messages to the WebSocket client, during the load. */
  webSocketGapMs: number;
  /** The longest time TRANSACTIONS did not answer (it had no leader): the floor of ingest's window. */
  streamUnansweredMs: number;
}

export interface ScenarioResult {
  scenario: string;
  round: number;
  /** What was killed or stopped, and when (ms after the load started). */
  fault: string;
  audit: Audit;
  availability: Availability;
}

interface Run {
  system: ClusterSystem;
  /** Records the fault's instant and what it hit. */
  faulted(what: string): void;
}

export interface Scenario {
  id: number;
  title: string;
  shape: SystemShape;
  /** Runs during the load, from `at` ms after it starts. */
  fault(run: Run): Promise<void>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** How long a killed part stays down before it is started again. */
const DOWN_MS = 4000;

/** kill -9 of a node or an app instance, started again once it has been down a while. */
async function killAndRestart(target: { kill(): Promise<void>; start(): Promise<void> }, what: string, run: Run) {
  await target.kill();
  run.faulted(`kill -9 ${what}`);
  await sleep(DOWN_MS);
  await target.start();
}

export const SCENARIOS: Scenario[] = [
  {
    id: 1,
    title: 'kill -9 the node leading TRANSACTIONS, restart it',
    shape: { ingest: 2, process: 2, stats: 1 },
    fault: async (run) => {
      const node = await run.system.transactionsLeader();
      await killAndRestart(node, `${node.name} (leads TRANSACTIONS)`, run);
    },
  },
  {
    id: 2,
    title: 'kill -9 a node leading nothing of ours, restart it',
    shape: { ingest: 2, process: 2, stats: 1 },
    fault: async (run) => {
      const node = await run.system.nodeLeadingNothing();
      await killAndRestart(node, `${node.name} (leads nothing)`, run);
    },
  },
  {
    id: 3,
    title: 'kill -9 a process instance, restart it',
    shape: { ingest: 2, process: 2, stats: 1 },
    fault: (run) => killAndRestart(run.system.apps.process[0], run.system.apps.process[0].name, run),
  },
  {
    id: 4,
    title: 'kill -9 an ingest instance mid-request, restart it',
    shape: { ingest: 2, process: 2, stats: 1 },
    fault: (run) => killAndRestart(run.system.apps.ingest[0], run.system.apps.ingest[0].name, run),
  },
  {
    id: 5,
    title: 'SIGTERM each app under load, start it again',
    shape: { ingest: 2, process: 2, stats: 2 },
    fault: async (run) => {
      const { ingest, process, stats } = run.system.apps;
      for (const instance of [ingest[0], process[0], stats[1]]) {
        await instance.stop();
        run.faulted(`SIGTERM ${instance.name}`);
        await instance.start();
      }
    },
  },
  {
    id: 6,
    title: 'the whole cluster stopped and started again',
    shape: { ingest: 2, process: 2, stats: 1 },
    fault: async (run) => {
      await run.system.cluster.stop();
      run.faulted('SIGTERM every node');
      await sleep(DOWN_MS);
      await run.system.cluster.start();
    },
  },
];

export interface RoundOptions {
  trades: number;
  rate: number;
  clients: number;
  /** The fault comes at a random instant between these (ms after the load starts). */
  faultWindowMs: [number, number];
  log?: (line: string) => void;
}

export const DEFAULT_ROUND: RoundOptions = { trades: 3000, rate: 300, clients: 16, faultWindowMs: [1500, 5000] };

/**
 * One round of a scenario on a fresh cluster: trades flow from concurrent clients, the fault
 * comes at a random instant, and once everything is back and settled, every trade is counted.
 */
export async function runScenario(
  scenario: Scenario,
  round: number,
  options: RoundOptions = DEFAULT_ROUND,
): Promise<ScenarioResult> {
  const log = options.log ?? (() => undefined);
  const system = await ClusterSystem.start(scenario.shape);
  try {
    const watcher = system.apps.stats[0];
    const client = await WsClient.open(`${watcher.url.replace('http', 'ws')}/ws`);
    const sampler = sampleFold(system);
    const streamAnswers = sampleStreamAnswers(system);
    const started = Date.now();
    let faultAt = 0;
    const faults: string[] = [];
    const run: Run = {
      system,
      faulted: (what) => {
        faultAt ||= Date.now();
        faults.push(`${what} at ${((Date.now() - started) / 1000).toFixed(1)} s`);
        log(`  ${faults[faults.length - 1]}`);
      },
    };
    const [from, to] = options.faultWindowMs;
    const loading = sendTrades(system.apps.ingest, { ...options, tag: `s${scenario.id}-r${round}` });
    await sleep(from + Math.random() * (to - from));
    await scenario.fault(run);
    const load = await loading;
    const loadEnded = Date.now();
    await Promise.all(
      [...system.apps.ingest, ...system.apps.process, ...system.apps.stats].map((instance) => instance.healthy()),
    );
    await settle(system.nc);
    const samples = await sampler.stop();
    const answeredAt = await streamAnswers.stop();
    const onWebSocket = await lastWebSocketTotal(client, await kvTotal(system.nc));
    client.close();
    return {
      scenario: `${scenario.id}. ${scenario.title}`,
      round,
      fault: faults.join('; '),
      audit: await audit(system.nc, system.cluster.url, load, onWebSocket),
      availability: {
        ...ingestRefusals(load, faultAt),
        foldStallMs: longestStall(samples),
        webSocketGapMs: longestGap(
          client.messages.map(({ receivedAt }) => receivedAt).filter((at) => at >= started && at <= loadEnded),
        ),
        streamUnansweredMs: longestGap(answeredAt),
      },
    };
  } finally {
    await system.dispose();
  }
}

function ingestRefusals(load: LoadResult, faultAt: number): Pick<Availability, 'ingestRefusedMs' | 'refusedAttempts'> {
  const refused = load.attempts.filter(({ at, status }) => at >= faultAt && status !== 202);
  const last = Math.max(faultAt, ...refused.map(({ at }) => at));
  return { ingestRefusedMs: last - faultAt, refusedAttempts: refused.length };
}

/** The total the client saw last, once it matches KV's (or after a while, whatever it is). */
async function lastWebSocketTotal(client: WsClient, expected: number): Promise<number> {
  const latest = () =>
    [...client.messages].reverse().find(({ data }) => typeof data?.total === 'number')?.data.total ?? 0;
  for (let waited = 0; waited < 10_000 && latest() !== expected; waited += 100) await sleep(100);
  return latest();
}

interface Sample {
  at: number;
  counted: number;
  stored: number;
}

/** Calls `sample` four times a second until stopped, keeping what it answered (failures left out). */
function sampling<T>(sample: () => Promise<T>): { stop(): Promise<T[]> } {
  const samples: T[] = [];
  let stopped = false;
  const running = (async () => {
    while (!stopped) {
      await sample().then(
        (value) => samples.push(value),
        () => undefined,
      );
      await sleep(250);
    }
  })();
  return {
    stop: async () => {
      stopped = true;
      await running;
      return samples;
    },
  };
}

/** KV's count and the stream's size, sampled together. */
const sampleFold = (system: ClusterSystem) =>
  sampling<Sample>(async () => {
    const [counted, stored] = await Promise.all([kvTotal(system.nc), streamMessages(system.nc)]);
    return { at: Date.now(), counted, stored };
  });

/** When TRANSACTIONS answered a question, asked with a short timeout. */
const sampleStreamAnswers = (system: ClusterSystem) =>
  sampling<number>(async () => {
    await streamMessages(system.nc, 1000);
    return Date.now();
  });

/** The longest time the count stood still while stored trades waited to be counted. */
function longestStall(samples: Sample[]): number {
  let longest = 0;
  let since: number | undefined;
  for (let i = 1; i < samples.length; i++) {
    const behind = samples[i].stored > samples[i].counted;
    const moved = samples[i].counted !== samples[i - 1].counted;
    if (!behind || moved) since = undefined;
    else {
      since ??= samples[i - 1].at;
      longest = Math.max(longest, samples[i].at - since);
    }
  }
  return longest;
}

function longestGap(times: number[]): number {
  let longest = 0;
  for (let i = 1; i < times.length; i++) longest = Math.max(longest, times[i] - times[i - 1]);
  return longest;
}
