export { SUBJECTS, STREAMS, CONSUMERS, BUCKETS, acceptedSubject } from './lib/names';
export { partitionOf } from './lib/partition';
