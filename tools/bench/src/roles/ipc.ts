// The child side of a role: messages to the bench over IPC, and exit when the bench is gone.

export function send(message: { type: string; [key: string]: unknown }): void {
  process.send?.(message);
}

/** Runs a role: reports a failure to the bench, and exits when the bench disconnects or stops it. */
export function serveRole(run: () => Promise<() => Promise<void>>): void {
  let stop: (() => Promise<void>) | undefined;
  const exit = (code: number) => {
    const stopping = stop ? stop().catch(() => undefined) : Promise.resolve();
    void stopping.finally(() => process.exit(code));
  };
  process.on('disconnect', () => exit(0));
  process.on('SIGTERM', () => exit(0));
  process.on('SIGINT', () => exit(0));
  run().then(
    (stopRole) => (stop = stopRole),
    (error: unknown) => {
      send({ type: 'error', message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
      exit(1);
    },
  );
}

/** Calls `handler` for every message from the bench; a failure is reported as `error`. */
export function onCommand(handler: (message: { type: string; [key: string]: unknown }) => Promise<void>): void {
  process.on('message', (message: { type: string }) => {
    handler(message).catch((error: unknown) =>
      send({ type: 'error', message: error instanceof Error ? error.message : String(error) }),
    );
  });
}
