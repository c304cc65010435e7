// Where a process spent its CPU: the self time of a V8 .cpuprofile (node --cpu-prof), summed
// per function and per module (npm package, node internals, the app's bundle, GC, idle).
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface SelfTime {
  name: string;
  ms: number;
  percent: number;
}

export interface ProfileSummary {
  file: string;
  totalMs: number;
  /** Share of the samples that were not idle. */
  busyPercent: number;
  functions: SelfTime[];
  modules: SelfTime[];
}

/** The package a script belongs to: node_modules/<pkg>, node:internal, or the file itself. */
export function moduleOf(url: string, functionName: string): string {
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  const inModules = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (inModules) return inModules[1];
  if (url.startsWith('node:')) return url.replace(/^node:internal\//, 'node:');
  return url
    .replace(/^file:\/\//, '')
    .split('/')
    .slice(-3)
    .join('/');
}

export function summariseProfile(file: string, top = 15): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const perFunction = new Map<string, number>();
  const perModule = new Map<string, number>();
  let totalUs = 0;
  let idleUs = 0;
  profile.samples.forEach((id, index) => {
    // timeDeltas[i] is the time since the previous sample: it is spent in sample i.
    const us = Math.max(0, profile.timeDeltas[index] ?? 0);
    const node = byId.get(id);
    if (!node) return;
    const { functionName, url, lineNumber } = node.callFrame;
    totalUs += us;
    if (functionName === '(idle)') idleUs += us;
    const name =
      `${functionName || '(anonymous)'} ${url ? `${moduleOf(url, functionName)}:${lineNumber + 1}` : ''}`.trim();
    perFunction.set(name, (perFunction.get(name) ?? 0) + us);
    const module = moduleOf(url, functionName);
    perModule.set(module, (perModule.get(module) ?? 0) + us);
  });
  const busyUs = totalUs - idleUs;
  const rank = (map: Map<string, number>) =>
    [...map]
      .filter(([name]) => name !== '(idle)')
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, us]) => ({ name, ms: us / 1000, percent: (100 * us) / busyUs }));
  return {
    file,
    totalMs: totalUs / 1000,
    busyPercent: (100 * busyUs) / totalUs,
    functions: rank(perFunction),
    modules: rank(perModule),
  };
}

export function formatProfile(summary: ProfileSummary): string {
  const list = (entries: SelfTime[]) =>
    entries.map((e) => `  ${e.percent.toFixed(1).padStart(5)} %  ${e.name}`).join('\n');
  return [
    `cpu profile ${summary.file}: ${(summary.totalMs / 1000).toFixed(1)} s sampled, ${summary.busyPercent.toFixed(0)} % busy;` +
      ' self time as % of busy time',
    'by module:',
    list(summary.modules),
    'by function:',
    list(summary.functions),
  ].join('\n');
}
