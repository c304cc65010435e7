export { SUBJECTS, STREAMS, CONSUMERS, BUCKETS, acceptedSubject, flagSubject } from './lib/names';
export { partitionOf } from './lib/partition';
export {
  flagsStream,
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
