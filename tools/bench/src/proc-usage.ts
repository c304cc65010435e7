// CPU time and memory of a process, read from /proc (Linux), and a meter that samples them over
// a measured interval.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

let ticksPerSecond: number | undefined;

function clockTicks(): number {
  if (ticksPerSecond === undefined) {
    try {
      ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      ticksPerSecond = 100;
    }
  }
  return ticksPerSecond;
}

/** User + system CPU seconds the process has used so far; NaN when it is gone. */
export function cpuSeconds(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces; the fields after its closing parenthesis are
    // state (3), … utime (14), stime (15).
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / clockTicks();
  } catch {
    return NaN;
  }
}

/**
 * CPU seconds every process of the machine has used so far, all cores together: the busy time
 * of /proc/stat's first line (user, nice, system, irq, softirq, steal).
 */
export function machineCpuSeconds(): number {
  try {
    const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
    const [user, nice, system, , , irq, softirq, steal] = fields;
    return (user + nice + system + irq + softirq + (steal ?? 0)) / clockTicks();
  } catch {
    return NaN;
  }
}

/** Resident set size in bytes; NaN when the process is gone. */
export function rssBytes(pid: number): number {
  try {
    const match = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : NaN;
  } catch {
    return NaN;
  }
}

/** The pid of the process whose command line holds all of `parts` as arguments. */
export function findPid(parts: string[]): number | undefined {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const args = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
      if (parts.every((part) => args.some((arg) => arg === part || arg.endsWith(`/${part}`)))) return Number(entry);
    } catch {
      // exited meanwhile
    }
  }
  return undefined;
}

export interface Usage {
  /** CPU over the interval, in % of one core (200 = two cores busy). */
  cpuPercent: number;
  rssMaxMb: number;
  rssEndMb: number;
}

/** The usage entry of the whole machine (every process, the bench's and others'): CPU only. */
export const MACHINE = 'machine';

/**
 * Samples named processes from start() to stop(): CPU % over the interval, peak and last RSS;
 * and, as `machine`, the CPU % of every process on the machine together.
 */
export class ProcessMeter {
  private readonly startCpu = new Map<string, number>();
  private startMachineCpu = NaN;
  private readonly rssMax = new Map<string, number>();
  private startedAt = 0;
  private timer?: NodeJS.Timeout;

  constructor(private readonly pids: Record<string, number | undefined>) {}

  start(sampleEveryMs = 250): this {
    this.startedAt = performance.now();
    this.startMachineCpu = machineCpuSeconds();
    for (const [name, pid] of this.entries()) {
      this.startCpu.set(name, cpuSeconds(pid));
      this.rssMax.set(name, rssBytes(pid));
    }
    this.timer = setInterval(() => this.sampleRss(), sampleEveryMs);
    this.timer.unref();
    return this;
  }

  stop(): Record<string, Usage> {
    clearInterval(this.timer);
    this.sampleRss();
    const seconds = (performance.now() - this.startedAt) / 1000;
    const usage: Record<string, Usage> = {};
    for (const [name, pid] of this.entries()) {
      const cpu = cpuSeconds(pid) - (this.startCpu.get(name) ?? NaN);
      usage[name] = {
        cpuPercent: (100 * cpu) / seconds,
        rssMaxMb: (this.rssMax.get(name) ?? NaN) / 2 ** 20,
        rssEndMb: rssBytes(pid) / 2 ** 20,
      };
    }
    usage[MACHINE] = {
      cpuPercent: (100 * (machineCpuSeconds() - this.startMachineCpu)) / seconds,
      rssMaxMb: NaN,
      rssEndMb: NaN,
    };
    return usage;
  }

  private entries(): [string, number][] {
    return Object.entries(this.pids).filter((entry): entry is [string, number] => entry[1] !== undefined);
  }

  private sampleRss(): void {
    for (const [name, pid] of this.entries()) {
      const rss = rssBytes(pid);
      const max = this.rssMax.get(name);
      if (Number.isFinite(rss) && !(max !== undefined && max >= rss)) this.rssMax.set(name, rss);
    }
  }
}

/** Runs `run` while metering the processes; the meter is stopped however `run` ends. */
export async function metered<T>(
  pids: Record<string, number | undefined>,
  run: () => Promise<T>,
): Promise<[T, Record<string, Usage>]> {
  const meter = new ProcessMeter(pids).start();
  let usage: Record<string, Usage> | undefined;
  try {
    const result = await run();
    usage = meter.stop();
    return [result, usage];
  } finally {
    if (!usage) meter.stop();
  }
}
