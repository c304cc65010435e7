import { Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { type Demand, type Rate, type Shortfall, takeAll, TokenBuckets } from '@tradeflow/rate-limit';
import type { IngestEnvironment } from '../app/ingest.environment';
import type { PolicyRefusal } from '../intake/intake-outcome';
import { type IntakeContext, type IntakePolicy, IntakePolicyProvider } from '../intake/intake-policy';

/** Keys remembered per limit at most: about 15 MB, far more than are busy at once. */
const MAX_KEYS = 100_000;

interface LimitedDemand extends Demand {
  /** Whose limit, for the refusal's message. */
  of: 'user' | 'client';
}

/**
 * Limits the trades of each userId and of each HTTP client address with token buckets, in this
 * instance's memory (a shared store on the hot path would cost more than the intake itself). A
 * submission takes a token per trade from its client's bucket (tx.submit names no client) and
 * from each of its users' buckets, all or none: a batch is refused whole when any of its users is
 * over, with 429 and Retry-After, so that no trade of it is stored and none is left out unseen.
 */
@IntakePolicyProvider()
@Injectable()
export class RateLimitPolicy implements IntakePolicy {
  private readonly users: TokenBuckets;
  private readonly clients: TokenBuckets;

  constructor(config: ConfigService<IngestEnvironment, true>) {
    const rate = (of: 'USER' | 'CLIENT'): Rate => ({
      perSecond: config.get(`RATE_LIMIT_${of}_PER_SECOND`, { infer: true }),
      burst: config.get(`RATE_LIMIT_${of}_BURST`, { infer: true }),
    });
    this.users = new TokenBuckets(rate('USER'), MAX_KEYS);
    this.clients = new TokenBuckets(rate('CLIENT'), MAX_KEYS);
    new Logger(RateLimitPolicy.name).log(
      `rate limits on: per user ${describe(this.users)}, per client ${describe(this.clients)}`,
    );
  }

  admit({ client, trades }: IntakeContext): PolicyRefusal | undefined {
    const { count, userIds } = trades();
    const demands: LimitedDemand[] = [];
    if (client !== undefined) demands.push({ of: 'client', buckets: this.clients, key: client, cost: count });
    for (const [userId, cost] of countPerUser(userIds)) {
      demands.push({ of: 'user', buckets: this.users, key: userId, cost });
    }
    const shortfall = takeAll(demands, performance.now());
    return shortfall && refusal(shortfall);
  }
}

const describe = ({ rate }: TokenBuckets) => `${rate.perSecond} trades/s, burst ${rate.burst}`;

function countPerUser(userIds: string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const userId of userIds) counts.set(userId, (counts.get(userId) ?? 0) + 1);
  return counts;
}

/** Retry-After is the wait rounded up to whole seconds; none when the submission can never fit. */
function refusal({ demand, seconds }: Shortfall<LimitedDemand>): PolicyRefusal {
  const limit = `rate limit of ${demand.of} ${demand.key}: ${describe(demand.buckets)}`;
  if (seconds === Infinity) {
    return { reason: 'rate-limited', message: `${limit}; ${demand.cost} of its trades at once never fit: send fewer` };
  }
  return { reason: 'rate-limited', message: limit, retryAfterSeconds: Math.ceil(seconds) };
}
