export { SUBJECTS, STREAMS, CONSUMERS, BUCKETS, acceptedSubject } from './lib/names';
export { partitionOf } from './lib/partition';
export {
  idempotencyBucket,
  ingestSubmissionsConsumer,
  leasesBucket,
  quarantineStream,
  rejectedStream,
  statsBucket,
  submissionsStream,
  transactionsStream,
  type StreamLimits,
} from './lib/definitions';
