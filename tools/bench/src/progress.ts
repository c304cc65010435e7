const started = performance.now();

/** Progress goes to stderr, with the seconds since the start, so stdout holds only the table. */
export const progress = (message: string): void =>
  console.error(`bench ${((performance.now() - started) / 1000).toFixed(1).padStart(5)}s: ${message}`);
