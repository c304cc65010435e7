import { Logger } from '@nestjs/common';
import type { Flag } from '@tradeflow/contract';
import { type AckedPublisher, encodeJson } from '@tradeflow/nats';
import { flagSubject, STREAMS } from '@tradeflow/topology';

/** Longest wait for FLAGS' acknowledgement of a flag; the batch is folded again after it. */
const FLAG_TIMEOUT_MS = 5000;

/**
 * Stores the flags a partition's batch raised in FLAGS, each on `flags.<kind>.<partition>` under
 * its id (`<kind>:<trade id>`), in the order of their trades, and waits for every acknowledgement:
 * only then may the write that commits the batch start. A flag published again (its batch folded
 * again) within FLAGS' duplicate window is stored once.
 */
export class FlagPublisher {
  private readonly logger = new Logger(FlagPublisher.name);

  constructor(private readonly publisher: Pick<AckedPublisher, 'publish'>) {}

  async publish(partition: number, flags: readonly Flag[]): Promise<void> {
    await Promise.all(
      flags.map((flag) => {
        this.logger.debug(`${flag.id} (partition ${partition}, seq ${flag.seq})`);
        return this.publisher.publish(flagSubject(flag.kind, partition), encodeJson(flag), {
          msgID: flag.id,
          expectStream: STREAMS.flags,
          timeoutMs: FLAG_TIMEOUT_MS,
        });
      }),
    );
  }
}
