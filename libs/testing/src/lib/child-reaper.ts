import type { ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { runInThisContext } from 'node:vm';

/**
 * Every nats-server this module has spawned and not yet seen exit, and every store directory not
 * yet disposed. When the host process ends, the servers are SIGKILLed and the directories removed,
 * so a test run that forgets to dispose a server (or is torn down by jest) leaves nothing behind.
 */
const live = new Set<ChildProcess>();
const dirs = new Set<string>();

const FORWARDED_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
type ForwardedSignal = (typeof FORWARDED_SIGNALS)[number];

/**
 * The real Node `process`. Inside a jest test file the global `process` is a sandbox copy whose
 * event emitter never hears 'exit' or signals, so listeners must go on the host process instead.
 * `runInThisContext` evaluates in the main context, where `process` is the real one.
 */
const hostProcess: NodeJS.Process = runInThisContext('process');

function cleanUp(): void {
  for (const child of live) {
    try {
      child.kill('SIGKILL');
    } catch {
      // already gone
    }
  }
  live.clear();
  for (const dir of dirs) {
    try {
      rmSync(dir, { recursive: true, force: true });
    } catch {
      // best effort while exiting
    }
  }
  dirs.clear();
  uninstall();
}

function onSignal(signal: ForwardedSignal): void {
  cleanUp();
  // Listening turned off the default action of the signal; if ours was the only listener, raise
  // it again so the process still terminates as it would have without us.
  if (hostProcess.listenerCount(signal) === 0) hostProcess.kill(hostProcess.pid, signal);
}

let installed = false;

function install(): void {
  if (installed) return;
  installed = true;
  hostProcess.on('exit', cleanUp);
  for (const signal of FORWARDED_SIGNALS) hostProcess.on(signal, onSignal);
}

// Listeners live only while there is something to clean up, so test files that share a jest
// worker (each with its own copy of this module) do not pile up listeners on the host process.
function uninstall(): void {
  if (!installed) return;
  installed = false;
  hostProcess.removeListener('exit', cleanUp);
  for (const signal of FORWARDED_SIGNALS) hostProcess.removeListener(signal, onSignal);
}

function uninstallIfIdle(): void {
  if (live.size === 0 && dirs.size === 0) uninstall();
}

/** Track a spawned child until it exits; it is SIGKILLed if the host process ends first. */
export function killOnHostExit(child: ChildProcess): void {
  live.add(child);
  install();
  child.once('exit', () => {
    live.delete(child);
    uninstallIfIdle();
  });
}

/** Remove `dir` if the host process ends before {@link forgetDirectory} is called. */
export function removeOnHostExit(dir: string): void {
  dirs.add(dir);
  install();
}

export function forgetDirectory(dir: string): void {
  dirs.delete(dir);
  uninstallIfIdle();
}
