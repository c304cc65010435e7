/**
 * A reading that a metric takes when it is scraped (a stream's size, a consumer's backlog), shared
 * by the scrapes that come while it is under way and within `maxAgeMs` after it ended: however
 * often /metrics is asked, the source is asked at most once in that time, and never twice at once.
 * A failed reading is shared the same way, so a source that is down is not asked more often either.
 */
export function scrapeReading<T>(
  maxAgeMs: number,
  read: () => Promise<T>,
  now: () => number = () => performance.now(),
): () => Promise<T> {
  let reading: Promise<T> | undefined;
  /** When the current reading ended; Infinity while it is under way. */
  let endedAt = Infinity;
  return () => {
    if (reading && now() - endedAt <= maxAgeMs) return reading;
    const started = (reading = read());
    endedAt = Infinity;
    const ended = () => {
      if (reading === started) endedAt = now();
    };
    started.then(ended, ended);
    return started;
  };
}
