// The CPU profiles the apps wrote during a scenario (see `--profile`), summarised.
import { mkdirSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { profileApps, WORKSPACE } from './launcher';
import { formatProfile, type ProfileSummary, summariseProfile } from './profile-summary';

export class Profiles {
  private readonly dir: string;
  private readonly seen = new Set<string>();

  constructor(apps: Set<string>) {
    this.dir = resolve(WORKSPACE, 'tmp/bench', `profiles-${new Date().toISOString().replace(/[:.]/g, '-')}`);
    if (apps.size === 0) return;
    mkdirSync(this.dir, { recursive: true });
    profileApps(apps, this.dir);
  }

  /** Summaries of the profiles written since the last call (apps write them when they exit). */
  collect(): ProfileSummary[] {
    let files: string[];
    try {
      files = readdirSync(this.dir).filter((name) => name.endsWith('.cpuprofile') && !this.seen.has(name));
    } catch {
      return [];
    }
    return files.sort().map((name) => {
      this.seen.add(name);
      const summary = summariseProfile(join(this.dir, name));
      console.error(formatProfile(summary));
      return summary;
    });
  }
}
