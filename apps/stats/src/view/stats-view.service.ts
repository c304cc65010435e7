import { type BeforeApplicationShutdown, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { type FigureKind, readStatsUpdate, type Trade } from '@tradeflow/contract';
import { describeNatsError, NatsClient } from '@tradeflow/nats';
import { retryWithBackoff, StopSignal } from '@tradeflow/platform';
import { BUCKETS, STREAMS, SUBJECTS } from '@tradeflow/topology';
import { Events, type KvEntry, type NatsConnection, type QueuedIterator, type Subscription } from 'nats';
import { StatsView } from './stats-view';
import { UpdateSequence } from './update-sequence';

/** What the view tells the clients' side. */
export interface StatsViewListener {
  /** Trades process has folded, in the order it published them. */
  tradesFolded(items: Trade[]): void;
  /** A pair or a country has new figures. */
  figuresChanged(kind: FigureKind, name: string): void;
  /** The total, the refused or the quarantined count moved without trades: from KV, or the REJECTED stream. */
  countsChanged(): void;
  /** The view was (re)loaded, or lost a figure: every client needs a fresh snapshot. */
  viewReset(): void;
}

const LOAD_BACKOFF_MS = { firstDelayMs: 500, maxDelayMs: 5000 };
/** nats.js may never signal the end of the current values (after a consumer reset): load again. */
const LOAD_TIMEOUT_MS = 10_000;
const WATCH_RESTART_DELAY_MS = 250;
const REFUSED_POLL_MS = 1000;
const decoder = new TextDecoder();

/**
 * The statistics held in memory, so that a client's connect costs no KV round trip: a watch of
 * the whole bucket `stats` (a key per partition) keeps the figures current, and `stats.updates`
 * brings the folded trades and their partition's count. When an update is missed (a gap in a
 * partition's chain), after a reconnect, or when the watch fails, the view is loaded again from
 * KV and every client is sent a snapshot.
 */
@Injectable()
export class StatsViewService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(StatsViewService.name);
  private current = new StatsView();
  private loaded = false;
  private readonly sequence = new UpdateSequence();
  private listener?: StatsViewListener;
  private subscription?: Subscription;
  private watcher?: QueuedIterator<KvEntry>;
  /** Counts loads; a watch that belongs to an older one stops feeding the view. */
  private generation = 0;
  private reloading?: Promise<void>;
  private reloadAgain = false;
  private readonly stopSignal = new StopSignal();

  constructor(private readonly nats: NatsClient) {}

  get view(): StatsView {
    return this.current;
  }

  /** False until the bucket's values have been read once. */
  get ready(): boolean {
    return this.loaded;
  }

  listen(listener: StatsViewListener): void {
    this.listener = listener;
  }

  onApplicationBootstrap(): void {
    this.start().catch((error) => this.logger.error(`could not start: ${describeNatsError(error)}`));
  }

  /** Stops the watch and the subscription while the NATS connection is still there to end them. */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopSignal.stop();
    this.generation++;
    this.watcher?.stop();
    this.subscription?.unsubscribe();
    await this.reloading;
  }

  private async start(): Promise<void> {
    await Promise.race([this.nats.ready(), this.stopSignal.whenStopped]);
    if (this.stopSignal.stopped) return;
    const nc = this.nats.nc;
    // No queue group: every stats instance gets every update. Subscribed, and known to the
    // server, before the first load: no update published after the load's read goes unseen.
    this.subscription = nc.subscribe(SUBJECTS.statsUpdates, {
      callback: (error, message) => {
        if (error) this.logger.error(`${SUBJECTS.statsUpdates}: ${describeNatsError(error)}`);
        else this.onUpdate(message.data);
      },
    });
    await nc.flush().catch(() => undefined);
    void this.resyncOnReconnect(nc);
    void this.followRefused();
    this.resync('starting');
  }

  /** The refused count is REJECTED's last sequence: read once a second, it only grows. */
  private async followRefused(): Promise<void> {
    await this.stopSignal.repeat(
      async () => {
        const { state } = await this.nats.jsm.streams.info(STREAMS.rejected);
        if (this.current.raiseRefused(state.last_seq)) this.listener?.countsChanged();
        await this.stopSignal.sleep(REFUSED_POLL_MS);
      },
      (error) => this.logger.debug(`reading ${STREAMS.rejected}: ${describeNatsError(error)}`),
      REFUSED_POLL_MS,
    );
  }

  private onUpdate(data: Uint8Array): void {
    const update = readStatsUpdate(decoder.decode(data));
    if (!update) {
      this.logger.warn(`ignored a message on ${SUBJECTS.statsUpdates} that is not a stats update`);
      return;
    }
    const { partition, previousSeq, lastSeq } = update;
    const missed = this.sequence.missedBefore(partition, previousSeq, lastSeq);
    this.current.raisePartitionTotal(partition, update.partitionTotal);
    this.listener?.tradesFolded(update.items);
    if (missed && this.loaded) {
      this.resync(`an update of partition ${partition} was missed before seq ${previousSeq}`);
    }
  }

  /** While disconnected, updates were lost and the watch may have stalled: start over. */
  private async resyncOnReconnect(nc: NatsConnection): Promise<void> {
    for await (const status of nc.status()) {
      if (this.stopSignal.stopped) return;
      if (status.type === Events.Reconnect) this.resync('reconnected to NATS');
    }
  }

  /** Loads the view again; a call during a load makes one more, so none is lost nor repeated. */
  private resync(reason: string): void {
    if (this.stopSignal.stopped) return;
    if (this.reloading) {
      this.reloadAgain = true;
      return;
    }
    if (this.loaded) this.logger.warn(`reloading the view from KV: ${reason}`);
    this.reloading = this.reload().finally(() => (this.reloading = undefined));
  }

  private async reload(): Promise<void> {
    do {
      this.reloadAgain = false;
      await this.loadUntilDone();
    } while (this.reloadAgain && !this.stopSignal.stopped);
  }

  private async loadUntilDone(): Promise<void> {
    await retryWithBackoff(() => this.load(), {
      ...LOAD_BACKOFF_MS,
      signal: this.stopSignal.signal,
      onFailure: (error, retryInMs) => {
        const reason = describeNatsError(error);
        this.logger.warn(`loading KV bucket ${BUCKETS.stats} failed, retrying in ${retryInMs} ms: ${reason}`);
      },
    });
  }

  /**
   * Watches the whole bucket into a fresh view. Once the bucket's current values are in, the
   * fresh view replaces the old one (whose total is its floor, so it never goes back); the same
   * watch then keeps it current.
   */
  private async load(): Promise<void> {
    const generation = ++this.generation;
    this.watcher?.stop();
    const fresh = new StatsView();
    // bindOnly: process owns the bucket; until it exists the watch fails and is retried.
    const kv = await this.nats.js.views.kv(BUCKETS.stats, { bindOnly: true });
    let signalLoaded = () => undefined as void;
    const watcher = await kv.watch({
      // nats.js calls this in order, after the last current value and before the first live one.
      initializedFn: () => {
        if (generation !== this.generation) return;
        this.adopt(fresh);
        signalLoaded();
      },
    });
    if (generation !== this.generation) return void watcher.stop();
    this.watcher = watcher;
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        reject(new Error(`its values did not arrive within ${LOAD_TIMEOUT_MS} ms`));
        watcher.stop();
      }, LOAD_TIMEOUT_MS);
      signalLoaded = () => {
        clearTimeout(timer);
        resolve();
      };
      // An empty bucket is loaded before watch() returns.
      if (this.current === fresh) signalLoaded();
      void this.follow(watcher, fresh, generation).then((error) => {
        clearTimeout(timer);
        const reason = error ? describeNatsError(error) : 'it was closed';
        reject(new Error(`the watch ended: ${reason}`)); // nothing once loaded
        if (this.current !== fresh || generation !== this.generation || this.stopSignal.stopped) return;
        this.logger.warn(`the watch of KV bucket ${BUCKETS.stats} ended: ${reason}`);
        void this.stopSignal.sleep(WATCH_RESTART_DELAY_MS).then(() => this.resync('the watch ended'));
      });
    });
  }

  /** Feeds a watch into its view until it ends or a newer load replaces it; resolves with its error. */
  private async follow(watcher: QueuedIterator<KvEntry>, view: StatsView, generation: number): Promise<unknown> {
    try {
      for await (const entry of watcher) {
        if (generation !== this.generation) break;
        this.apply(view, entry);
      }
      return undefined;
    } catch (error) {
      return error;
    }
  }

  private apply(view: StatsView, entry: KvEntry): void {
    let changes;
    try {
      changes = view.apply(entry);
    } catch (error) {
      this.logger.error(`ignored KV entry ${entry.key} revision ${entry.revision}: ${(error as Error).message}`);
      return;
    }
    // A view still loading is sent whole, in the snapshots, once it is in place.
    if (view !== this.current || !this.listener) return;
    for (const change of changes) {
      if (change.kind === 'total') this.listener.countsChanged();
      else if (change.kind === 'removed') this.listener.viewReset();
      else this.listener.figuresChanged(change.kind, change.name);
    }
  }

  private adopt(fresh: StatsView): void {
    fresh.raiseFloor(this.current.total);
    fresh.raiseRefused(this.current.refused);
    fresh.raiseQuarantinedFloor(this.current.quarantined);
    this.current = fresh;
    this.loaded = true;
    this.sequence.rebase(fresh.checkpoints);
    this.listener?.viewReset();
  }
}
