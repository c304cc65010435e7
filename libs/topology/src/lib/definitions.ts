import {
  AckPolicy,
  DeliverPolicy,
  DiscardPolicy,
  RetentionPolicy,
  StorageType,
  nanos,
  type ConsumerConfig,
  type KvOptions,
  type StreamConfig,
} from 'nats';
import { BUCKETS, CONSUMERS, STREAMS, SUBJECTS } from './names';

/** Limits of a stream; 0 means unlimited. */
export interface StreamLimits {
  maxAgeSeconds: number;
  maxBytes: number;
  maxMessages: number;
}

type Stream = Partial<StreamConfig> & { name: string };

const seconds = (value: number) => nanos(value * 1000);

function limited(limits: StreamLimits, replicas: number): Partial<StreamConfig> {
  return {
    storage: StorageType.File,
    num_replicas: replicas,
    max_age: seconds(limits.maxAgeSeconds),
    max_bytes: limits.maxBytes || -1,
    max_msgs: limits.maxMessages || -1,
  };
}

/**
 * Raw `tx.submit` messages, kept until ingest has handled them (work-queue retention), so a trade
 * published while ingest is down waits for it. When full it refuses new ones: `nats req` and
 * JetStream publishers see the error, and nothing already queued is dropped.
 */
export const submissionsStream = (limits: StreamLimits, replicas: number): Stream => ({
  name: STREAMS.submissions,
  subjects: [SUBJECTS.submit],
  retention: RetentionPolicy.Workqueue,
  discard: DiscardPolicy.New,
  ...limited(limits, replicas),
});

/**
 * Accepted trades, the source of truth. The duplicate window makes a publish with the same
 * message id (an idempotency key, a redelivered submission) a no-op. When full it refuses new
 * trades (ingest answers 503) rather than dropping history that the statistics were folded from.
 */
export const transactionsStream = (limits: StreamLimits, duplicateWindowSeconds: number, replicas: number): Stream => ({
  name: STREAMS.transactions,
  subjects: [SUBJECTS.accepted],
  retention: RetentionPolicy.Limits,
  discard: DiscardPolicy.New,
  duplicate_window: seconds(duplicateWindowSeconds),
  ...limited(limits, replicas),
});

/** A stream of records kept for inspection: the oldest go first when it is full. */
const inspectionLog = (name: string, subject: string, limits: StreamLimits, replicas: number): Stream => ({
  name,
  subjects: [subject],
  retention: RetentionPolicy.Limits,
  discard: DiscardPolicy.Old,
  ...limited(limits, replicas),
});

/** Refused submissions with their reasons, for inspection. */
export const rejectedStream = (limits: StreamLimits, replicas: number): Stream =>
  inspectionLog(STREAMS.rejected, SUBJECTS.rejected, limits, replicas);

/** QUARANTINE keeps 7 days of records, at most 100,000: a flood of bad messages ages out the oldest. */
const QUARANTINE_LIMITS: StreamLimits = { maxAgeSeconds: 7 * 24 * 3600, maxBytes: 0, maxMessages: 100_000 };
/** A record is stored once per TRANSACTIONS sequence for this long, however often it is folded again. */
const QUARANTINE_DUPLICATE_WINDOW_SECONDS = 24 * 3600;

/**
 * Stored messages of `tx.accepted.<n>` that the fold set aside (not JSON, not a valid trade, on
 * the wrong partition), with the reason, for inspection. Each is
 * published with an id of its TRANSACTIONS sequence, so a refold does not record it twice.
 */
export const quarantineStream = (replicas: number): Stream => ({
  ...inspectionLog(STREAMS.quarantine, SUBJECTS.quarantined, QUARANTINE_LIMITS, replicas),
  duplicate_window: seconds(QUARANTINE_DUPLICATE_WINDOW_SECONDS),
});

/**
 * The trades the fold flagged, for inspection and the gateways. process publishes a flag before
 * the KV write that commits its batch, with an id of its kind and trade (`off-market:<trade id>`),
 * so a batch folded again (its write failed, process crashed, another instance took over) within
 * the duplicate window stores no flag twice.
 */
export const flagsStream = (limits: StreamLimits, duplicateWindowSeconds: number, replicas: number): Stream => ({
  ...inspectionLog(STREAMS.flags, SUBJECTS.flags, limits, replicas),
  duplicate_window: seconds(duplicateWindowSeconds),
});

/** Ingest's shared durable pull consumer on SUBMISSIONS. */
export const ingestSubmissionsConsumer = (
  maxAckPending: number,
): Partial<ConsumerConfig> & { durable_name: string } => ({
  durable_name: CONSUMERS.ingestSubmissions,
  ack_policy: AckPolicy.Explicit,
  deliver_policy: DeliverPolicy.All,
  ack_wait: seconds(30),
  max_ack_pending: maxAckPending,
});

/**
 * The statistics view. No TTL: on nats-server 2.9 an expiring entry vanishes without a watch
 * event, and a figure must never disappear silently.
 */
export const statsBucket = (replicas: number): { name: string; options: Partial<KvOptions> } => ({
  name: BUCKETS.stats,
  options: { history: 1, storage: StorageType.File, replicas },
});

/**
 * Partition leases of the process instances. The TTL is the bucket's: an entry its owner stops
 * renewing disappears, and another instance may then create it.
 */
export const leasesBucket = (ttlSeconds: number, replicas: number): { name: string; options: Partial<KvOptions> } => ({
  name: BUCKETS.leases,
  options: { history: 1, storage: StorageType.File, replicas, ttl: ttlSeconds * 1000 },
});

/**
 * ingest's Idempotency-Keys: a key's entry holds the id and fingerprint of the trade it first came
 * with. The TTL is the bucket's (max_age, as nats-server 2.9 has no TTL per entry): a key unused
 * for that long is forgotten, and nothing watches the bucket to miss its going.
 */
export const idempotencyBucket = (
  ttlSeconds: number,
  replicas: number,
): { name: string; options: Partial<KvOptions> } => ({
  name: BUCKETS.idempotency,
  options: { history: 1, storage: StorageType.File, replicas, ttl: ttlSeconds * 1000 },
});
