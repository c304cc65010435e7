import { DiscoveryService } from '@nestjs/core';
import type { IntakeOutcome, PolicyRefusal } from './intake-outcome';
import type { SubmittedTrades } from './submitted-trades';

/**
 * Where rate limiting and authentication plug into ingest. Every submission passes every
 * policy, by whichever path it comes: POST /transactions (served ahead of Nest's pipeline, which
 * a global guard or interceptor would silently miss), POST /transactions/batch and tx.submit.
 * `admit` is asked before the submission is judged (validated, stored or recorded); a refusal
 * ends it there: HTTP answers 401, 403 or 429, and tx.submit records the refusal in REJECTED, as
 * it does an invalid trade. `settled` is told every outcome, the policy's refusals included.
 *
 * A policy is a provider marked @IntakePolicyProvider(), in any module; they are asked in the
 * order Nest registers them. With none, the intake builds no context and awaits nothing more.
 */
export interface IntakePolicy {
  /** Undefined admits. Must not throw: a policy that cannot decide says so by its answer. */
  admit?(context: IntakeContext): PolicyRefusal | undefined | Promise<PolicyRefusal | undefined>;
  /** Must not throw: it runs on the path of the answer. */
  settled?(context: IntakeContext, outcome: IntakeOutcome): void;
}

export const IntakePolicyProvider = DiscoveryService.createDecorator();

/** A submission as the policies see it, whatever its transport. */
export interface IntakeContext {
  transport: 'http' | 'nats';
  /** `POST /transactions`, `POST /transactions/batch` or `tx.submit`. */
  route: string;
  /** The HTTP client's address; none for tx.submit, whose publisher JetStream does not name. */
  client: string | undefined;
  /** A header of the request or message, by name in any case. */
  header(name: string): string | undefined;
  /** What the body holds, read when asked (a policy that counts trades or users). */
  trades(): SubmittedTrades;
}

/**
 * A transport's context of a submission, built only when a policy is registered, with `trades`,
 * which the intake reads from the body. (One object literal: spreading the transport's into
 * another cost as much as a policy's whole check.)
 */
export type DescribeIntake<S> = (source: S, trades: () => SubmittedTrades) => IntakeContext;
