export { type Rate, TokenBucket } from './lib/token-bucket';
export { TokenBuckets } from './lib/token-buckets';
export { type Demand, type Shortfall, takeAll } from './lib/take-all';
