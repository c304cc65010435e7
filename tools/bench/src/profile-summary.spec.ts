import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { moduleOf, summariseProfile } from './profile-summary';

describe('cpu profile summary', () => {
  test('names modules', () => {
    expect(moduleOf('file:///w/node_modules/nats/lib/x.js', 'f')).toBe('nats');
    expect(moduleOf('file:///w/node_modules/@nestjs/core/a.js', 'f')).toBe('@nestjs/core');
    expect(moduleOf('node:internal/stream_base_commons', 'f')).toBe('node:stream_base_commons');
    expect(moduleOf('', '(garbage collector)')).toBe('(garbage collector)');
    expect(moduleOf('file:///w/dist/apps/ingest/main.js', 'f')).toBe('apps/ingest/main.js');
  });

  test('sums self time per function and module, idle apart', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bench-profile-'));
    const file = join(dir, 'p.cpuprofile');
    const frame = (functionName: string, url = '') => ({ functionName, url, lineNumber: 0 });
    writeFileSync(
      file,
      JSON.stringify({
        nodes: [
          { id: 1, callFrame: frame('(root)') },
          { id: 2, callFrame: frame('(idle)') },
          { id: 3, callFrame: frame('publish', 'file:///w/node_modules/nats/a.js') },
          { id: 4, callFrame: frame('validate', 'file:///w/node_modules/class-validator/b.js') },
        ],
        samples: [2, 3, 3, 4],
        timeDeltas: [1000, 3000, 3000, 2000],
      }),
    );
    try {
      const summary = summariseProfile(file);
      expect(summary.totalMs).toBe(9);
      expect(summary.modules.map((m) => [m.name, m.percent])).toEqual([
        ['nats', 75],
        ['class-validator', 25],
      ]);
      expect(summary.functions[0].name).toBe('publish nats:1');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
