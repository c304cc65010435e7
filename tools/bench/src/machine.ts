// What the figures were measured on, for the table's header.
import { execFileSync } from 'node:child_process';
import { cpus, totalmem } from 'node:os';

export interface Machine {
  cpu: string;
  cores: number;
  memoryGiB: number;
  node: string;
  natsServer: string;
}

export function describeMachine(): Machine {
  let natsServer = 'unknown';
  try {
    const binary = process.env['NATS_SERVER_BIN'] ?? 'nats-server';
    natsServer = execFileSync(binary, ['--version'], { encoding: 'utf8' })
      .trim()
      .replace(/^nats-server:\s*/, '');
  } catch {
    // reported as unknown
  }
  return {
    cpu: cpus()[0]?.model.trim() ?? 'unknown',
    cores: cpus().length,
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    natsServer,
  };
}
