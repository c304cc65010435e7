import { Module } from '@nestjs/common';
import { ConditionalModule } from '@nestjs/config';
import { RateLimitPolicy } from './rate-limit.policy';

/** The rate limits, an intake policy. */
@Module({ providers: [RateLimitPolicy] })
export class RateLimitModule {
  /** Registered with RATE_LIMIT=on only: off, the intake has no policy to ask and costs nothing more. */
  static whenOn() {
    return ConditionalModule.registerWhen(RateLimitModule, (env) => env['RATE_LIMIT'] === 'on', {
      debug: false,
    });
  }
}
