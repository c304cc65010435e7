import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import type { IntakeOutcome, NotAdmitted, PolicyRefusal } from './intake-outcome';
import { type IntakeContext, type IntakePolicy, IntakePolicyProvider } from './intake-policy';

/** The registered intake policies (see IntakePolicy), applied around a submission's intake. */
@Injectable()
export class IntakePolicies implements OnModuleInit {
  private policies: IntakePolicy[] = [];

  constructor(private readonly discovery: DiscoveryService) {}

  onModuleInit(): void {
    this.policies = this.discovery
      .getProviders({ metadataKey: IntakePolicyProvider.KEY })
      .map((wrapper) => wrapper.instance as IntakePolicy);
  }

  get none(): boolean {
    return this.policies.length === 0;
  }

  /**
   * `take`'s outcome once every policy admits the submission; else the refusal, as `refuse` makes
   * it the outcome (by default as it is). Each policy is told the outcome.
   */
  async apply(
    context: IntakeContext,
    take: () => Promise<IntakeOutcome>,
    refuse: (outcome: NotAdmitted) => Promise<IntakeOutcome> | IntakeOutcome = (outcome) => outcome,
  ): Promise<IntakeOutcome> {
    const refusal = await this.admit(context);
    const outcome = refusal ? await refuse({ kind: 'not-admitted', refusal }) : await take();
    for (const policy of this.policies) policy.settled?.(context, outcome);
    return outcome;
  }

  private async admit(context: IntakeContext): Promise<PolicyRefusal | undefined> {
    for (const policy of this.policies) {
      const refusal = await policy.admit?.(context);
      if (refusal) return refusal;
    }
    return undefined;
  }
}
