// Everything the bench starts registers how to stop it here. The scenarios stop what they start
// in `finally` blocks; this is the net under them: on Ctrl-C, SIGTERM or a crash every server and
// child still registered is stopped, newest first, and on exit whatever is left is SIGKILLed.

type Stop = () => Promise<void>;
type Kill = () => void;

interface Entry {
  name: string;
  stop: Stop;
  kill: Kill;
  /** Higher layers stop first, all of a layer at once (apps: 1, before their nats-server: 0). */
  layer: number;
}

const entries = new Set<Entry>();
let installed = false;
let stopping = false;

/** Registers something to stop; returns the function that unregisters it once it is stopped. */
export function registerCleanup(name: string, stop: Stop, kill: Kill, layer = 1): () => void {
  install();
  const entry = { name, stop, kill, layer };
  entries.add(entry);
  return () => entries.delete(entry);
}

async function stopOne(entry: Entry, graceMs: number): Promise<void> {
  entries.delete(entry);
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), graceMs)));
  const outcome = await Promise.race([
    entry.stop().then(
      () => 'stopped' as const,
      () => 'failed' as const,
    ),
    timedOut,
  ]);
  clearTimeout(timer);
  if (outcome !== 'stopped') {
    console.error(`bench: ${entry.name} did not stop (${outcome}); killing it`);
    entry.kill();
  }
}

/** Stops everything still registered, apps before servers, each within `graceMs` (then killed). */
export async function stopAll(graceMs = 15_000): Promise<void> {
  while (entries.size > 0) {
    const top = Math.max(...[...entries].map((entry) => entry.layer));
    await Promise.all([...entries].filter((entry) => entry.layer === top).map((entry) => stopOne(entry, graceMs)));
  }
}

function killAll(): void {
  for (const entry of entries) {
    try {
      entry.kill();
    } catch {
      // gone already
    }
  }
  entries.clear();
}

function onSignal(signal: NodeJS.Signals): void {
  if (stopping) return;
  stopping = true;
  console.error(`\nbench: ${signal}: stopping everything it started…`);
  void stopAll(3_000).finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
}

function install(): void {
  if (installed) return;
  installed = true;
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  process.on('exit', killAll);
}
