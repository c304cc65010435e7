import { type ChildProcess, spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { untilHealthy } from '@tradeflow/testing';
import type { AppInstanceLayout } from './layout';

const STOP_GRACE_MS = 15_000;
const HEALTH_POLL_MS = 250;

/** One built app (dist/apps/<app>/main.js) as a process of its own, its output in a log file. */
export class AppInstance {
  private child?: ChildProcess;
  /** How the process ended: `code 0`, `SIGKILL`. */
  private exited = Promise.resolve('not started');

  constructor(
    readonly layout: AppInstanceLayout,
    private readonly root: string,
    readonly logFile: string,
  ) {}

  get running(): boolean {
    return this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** `onExit` hears of the process's end, however it comes. */
  start(onExit: (how: string) => void): void {
    const log = openSync(this.logFile, 'a');
    // Its own process group, so that a terminal's Ctrl-C reaches the tool only, which stops the
    // apps before the nodes they drain to.
    const child = spawn(process.execPath, [join('dist/apps', this.layout.app, 'main.js')], {
      cwd: this.root,
      detached: true,
      env: { ...process.env, ...this.layout.env },
      stdio: ['ignore', log, log],
    });
    closeSync(log); // the child has its own copy
    this.child = child;
    this.exited = new Promise((resolve) =>
      child.once('exit', (code, signal) => {
        const how = signal ?? `code ${code}`;
        onExit(how);
        resolve(how);
      }),
    );
  }

  /**
   * Resolves true once GET /health answers 200, false if the process ends or `cancelled()` first;
   * throws, with the end of its log, if it is not healthy within `timeoutMs`.
   */
  healthy(timeoutMs: number, cancelled: () => boolean): Promise<boolean> {
    return untilHealthy(this.layout.url, {
      timeoutMs,
      alive: () => this.running && !cancelled(),
      context: () => `${this.layout.name}'s log ends:\n${this.logTail()}`,
      pollMs: HEALTH_POLL_MS,
    });
  }

  /**
   * SIGTERM, on which the app drains its NATS connection; SIGKILL if it is not gone in 15 s.
   * Says how it ended, and how long that took.
   */
  async stop(): Promise<string> {
    if (!this.running) return `had ended (${await this.exited})`;
    const started = Date.now();
    this.child?.kill('SIGTERM');
    const timer = setTimeout(() => this.kill(), STOP_GRACE_MS);
    const how = await this.exited;
    clearTimeout(timer);
    const late = how === 'SIGKILL' ? `, killed as it had not stopped within ${STOP_GRACE_MS / 1000} s` : '';
    return `stopped (${how}) in ${((Date.now() - started) / 1000).toFixed(1)} s${late}`;
  }

  kill(): void {
    if (this.running) this.child?.kill('SIGKILL');
  }

  /** The last lines of its log, to show why it ended. */
  logTail(lines = 15): string {
    return readFileSync(this.logFile, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  }
}
