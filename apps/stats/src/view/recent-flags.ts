/**
 * The fold's most recent flags, as the JSON they were stored in, each once (by id): what a
 * snapshot carries. Bounded: the oldest goes when a new one comes past the size.
 */
export class RecentFlags {
  /** Oldest first. */
  private readonly held: { id: string; json: string }[] = [];
  private readonly ids = new Set<string>();
  private changes = 0;
  private serialised?: { version: number; json: string };

  constructor(private readonly size: number) {}

  /** Counts every flag taken, so that a snapshot serialised with them can be reused until the next. */
  get version(): number {
    return this.changes;
  }

  /** Takes a flag unless it holds it already (a read of the stream's tail again); returns whether it is new. */
  add(id: string, json: string): boolean {
    if (this.ids.has(id)) return false;
    this.held.push({ id, json });
    this.ids.add(id);
    if (this.held.length > this.size) this.ids.delete((this.held.shift() as { id: string }).id);
    this.changes++;
    return true;
  }

  /** The flags held, newest first, as one JSON array. */
  json(): string {
    if (this.serialised?.version !== this.changes) {
      const newestFirst = this.held.map((flag) => flag.json).reverse();
      this.serialised = { version: this.changes, json: `[${newestFirst.join(',')}]` };
    }
    return this.serialised.json;
  }
}
