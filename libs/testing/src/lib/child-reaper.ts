import type { ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { runInThisContext } from 'node:vm';

/**
 * Every nats-server this module has spawned and not yet seen exit, and every store directory not
 * yet disposed. When the host process ends, the servers are SIGKILLed and the directories removed,
 * so a test run that forgets to dispose a server (or is torn down by jest) leaves nothing behind.
 * Each child maps to whether the host's SIGINT/SIGTERM/SIGHUP kills it too: a tool that stops its
 * servers itself, after its apps, spares them on a signal it handles.
 */
const live = new Map<ChildProcess, boolean>();
const dirs = new Set<string>();

const FORWARDED_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
type ForwardedSignal = (typeof FORWARDED_SIGNALS)[number];

/**
 * The real Node `process`. Inside a jest test file the global `process` is a sandbox copy whose
 * event emitter never hears 'exit' or signals, so listeners must go on the host process instead.
 * `runInThisContext` evaluates in the main context, where `process` is the real one.
 */
const hostProcess: NodeJS.Process = runInThisContext('process');

/** Kills the children (all, or those killed on the host's signals) and removes the directories. */
function cleanUp(all: boolean): void {
  for (const [child, onSignals] of live) {
    if (!all && !onSignals) continue;
    live.delete(child);
    try {
      child.kill('SIGKILL');
    } catch {
      // already gone
    }
  }
  for (const dir of dirs) {
    try {
      rmSync(dir, { recursive: true, force: true });
    } catch {
      // best effort while exiting
    }
  }
  dirs.clear();
  uninstallIfIdle();
}

function onSignal(signal: ForwardedSignal): void {
  // Listening turned off the default action of the signal. If ours is the only listener, the
  // process must still terminate as it would have without us: everything goes, and the signal is
  // raised again. Otherwise another listener handles it, and stops the children it spares.
  const handledElsewhere = hostProcess.listenerCount(signal) > 1;
  cleanUp(!handledElsewhere);
  if (!handledElsewhere) hostProcess.kill(hostProcess.pid, signal);
}

const onExit = () => cleanUp(true);

let installed = false;

function install(): void {
  if (installed) return;
  installed = true;
  hostProcess.on('exit', onExit);
  for (const signal of FORWARDED_SIGNALS) hostProcess.on(signal, onSignal);
}

// Listeners live only while there is something to clean up, so test files that share a jest
// worker (each with its own copy of this module) do not pile up listeners on the host process.
function uninstall(): void {
  if (!installed) return;
  installed = false;
  hostProcess.removeListener('exit', onExit);
  for (const signal of FORWARDED_SIGNALS) hostProcess.removeListener(signal, onSignal);
}

function uninstallIfIdle(): void {
  if (live.size === 0 && dirs.size === 0) uninstall();
}

/**
 * Track a spawned child until it exits; it is SIGKILLed if the host process ends first, and on
 * the host's SIGINT/SIGTERM/SIGHUP unless `onSignals` is false and another listener handles it.
 */
export function killOnHostExit(child: ChildProcess, onSignals = true): void {
  live.set(child, onSignals);
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
