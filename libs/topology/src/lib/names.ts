/** Every subject, stream, consumer and bucket name of the system, defined here and nowhere else. */
export const SUBJECTS = {
  /** Raw submissions from any NATS client: `nats pub tx.submit '{...}'`. */
  submit: 'tx.submit',
  /** Accepted trades, one subject per partition: `tx.accepted.<n>`. */
  accepted: 'tx.accepted.*',
  /** Refused `tx.submit` submissions with their reasons. */
  rejected: 'tx.rejected',
  /** What process folded, batch by batch, for the gateways (core NATS, not stored). */
  statsUpdates: 'stats.updates',
  /** Stored messages of `tx.accepted.<n>` that the fold could not count, set aside with the reason. */
  quarantined: 'tx.quarantined',
  /** Each process instance's fold status per partition, for the gateways (core NATS, not stored). */
  statsStatus: 'stats.status',
  /** Trades the fold's detectors flagged, `flags.<kind>.<partition>` (flagSubject). */
  flags: 'flags.>',
} as const;

export const STREAMS = {
  submissions: 'SUBMISSIONS',
  transactions: 'TRANSACTIONS',
  rejected: 'REJECTED',
  /** `tx.quarantined`: what the fold set aside (not JSON, not a valid trade, on the wrong partition). */
  quarantine: 'QUARANTINE',
  /** `flags.>`: the trades the fold flagged (off-market, velocity), each once. */
  flags: 'FLAGS',
} as const;

export const CONSUMERS = {
  /** Ingest's durable pull consumer on SUBMISSIONS, shared by every ingest instance. */
  ingestSubmissions: 'ingest',
} as const;

export const BUCKETS = {
  stats: 'stats',
  /** process instances' partition leases, with a TTL. */
  leases: 'leases',
  /** ingest's Idempotency-Keys: each key's trade id and fingerprint, with a TTL. */
  idempotency: 'idempotency',
} as const;

export const acceptedSubject = (partition: number): string => `tx.accepted.${partition}`;

/** Where a flag of a kind (`off-market`, `velocity`) raised by a partition's fold is published. */
export const flagSubject = (kind: string, partition: number): string => `flags.${kind}.${partition}`;
