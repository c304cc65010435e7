import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { workspaceRoot } from '@tradeflow/testing';

// The map of the workspace is enforced by lint, not by habit: each import below is linted with the
// workspace's own configuration as if it were written in a file of a real project.

interface Probe {
  title: string;
  path: string;
  source: string;
  /** What the boundary rule says; undefined: the import is allowed. */
  refused?: string;
}

const PROBES: Probe[] = [
  {
    title: 'an app imports another app',
    path: 'apps/ingest/src/probe.ts',
    source: "export { AppModule } from '../../process/src/app/app.module';",
    refused: 'Projects cannot be imported by a relative or absolute path',
  },
  {
    title: 'the page imports a server library',
    path: 'apps/dashboard/src/probe.ts',
    source: "export { foldPartition } from '@tradeflow/fold';",
    refused: 'tagged with "platform:browser" can only depend on libs tagged with "platform:browser"',
  },
  {
    title: 'the contract imports a Node library',
    path: 'libs/contract/src/lib/probe.ts',
    source: "export { SUBJECTS } from '@tradeflow/topology';",
    refused: 'tagged with "type:contract" can only depend on libs tagged with "type:contract"',
  },
  {
    title: "an app's source imports the test helpers",
    path: 'apps/ingest/src/probe.ts',
    source: "export { freePort } from '@tradeflow/testing';",
    refused: 'tagged with "type:app" can only depend on libs tagged with',
  },
  {
    title: "a library's source imports the test helpers",
    path: 'libs/nats/src/lib/probe.ts',
    source: "export { freePort } from '@tradeflow/testing';",
    refused: 'tagged with "type:lib" can only depend on libs tagged with',
  },
  {
    title: 'a library imports an app',
    path: 'libs/trade/src/lib/probe.ts',
    source: "export { AppModule } from '../../../../apps/ingest/src/app/app.module';",
    refused: 'Projects cannot be imported by a relative or absolute path',
  },
  {
    title: 'an app imports a library',
    path: 'apps/ingest/src/probe.ts',
    source: "export { NatsClient } from '@tradeflow/nats';",
  },
  {
    title: 'the page imports the contract',
    path: 'apps/dashboard/src/probe.ts',
    source: "export { parseServerMessage } from '@tradeflow/contract';",
  },
  {
    title: "an app's spec imports the test helpers",
    path: 'apps/ingest/src/probe.spec.ts',
    source: "export { freePort } from '@tradeflow/testing';",
  },
  {
    title: 'a tool imports the test helpers',
    path: 'tools/faults/src/probe.ts',
    source: "export { freePort } from '@tradeflow/testing';",
  },
];

/** The boundary rule's messages for each probe, in order, from one ESLint run. */
async function boundaryMessages(probes: readonly Probe[]): Promise<string[][]> {
  const script = join(workspaceRoot(), 'tools/workspace/src/lint-sources.mjs');
  const run = promisify(execFile)(process.execPath, [script], { cwd: workspaceRoot(), maxBuffer: 16 << 20 });
  run.child.stdin?.end(JSON.stringify(probes.map(({ path, source }) => ({ path, source }))));
  const results = JSON.parse((await run).stdout) as { ruleId: string | null; message: string }[][];
  return results.map((messages) =>
    messages.filter(({ ruleId }) => ruleId === '@nx/enforce-module-boundaries').map(({ message }) => message),
  );
}

describe('module boundaries', () => {
  let messages: string[][];

  beforeAll(async () => {
    messages = await boundaryMessages(PROBES);
  });

  it.each(PROBES.map((probe, index) => [probe.title, probe, index] as const))('lint: %s', (_title, probe, index) => {
    if (probe.refused) {
      expect(messages[index]).toHaveLength(1);
      expect(messages[index][0]).toContain(probe.refused);
    } else {
      expect(messages[index]).toEqual([]);
    }
  });
});
