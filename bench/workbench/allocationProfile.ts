// What the extension host allocated that lived long enough to reach V8's old generation, by
// allocation site. A sampling heap profile that keeps objects a full (major) collection freed but
// drops those a scavenge freed shows the bytes that grow the old generation between full
// collections: the heap the process keeps resident after a burst, though none of it is live.
//   node out/bench/workbench/allocationProfile.js <file.heapprofile> [dist/extension.js]
import * as fs from 'node:fs';
import { bundleModules, categoryOf } from './cpuProfileSummary';
import type { CallFrame } from './cpuProfileSummary';
import type { ProfileTarget } from './profiling';

/** Bytes between samples: V8's default (32 KB) sees too few of a burst's small objects. */
const SAMPLING_INTERVAL_BYTES = 4096;

interface AllocationNode {
  callFrame: CallFrame;
  selfSize: number;
  children: AllocationNode[];
}

export class AllocationProfile {
  private constructor(private readonly target: ProfileTarget) {}

  static async start(target: ProfileTarget): Promise<AllocationProfile> {
    await target.send('HeapProfiler.enable');
    await target.send('HeapProfiler.startSampling', {
      samplingInterval: SAMPLING_INTERVAL_BYTES,
      includeObjectsCollectedByMajorGC: true,
      includeObjectsCollectedByMinorGC: false,
    });
    return new AllocationProfile(target);
  }

  /** Stops and writes the profile (a .heapprofile file DevTools opens). */
  async stop(file: string): Promise<void> {
    const { profile } = (await this.target.send('HeapProfiler.stopSampling')) as { profile: unknown };
    fs.writeFileSync(file, JSON.stringify(profile));
  }
}

function table(rows: Map<string, number>, total: number, limit: number): string {
  return [...rows]
    .sort((a, b) => b[1] - a[1])
    .slice(0, limit)
    .map(([name, bytes]) => `  ${(bytes / 1024 / 1024).toFixed(2).padStart(8)} MB ${((bytes / total) * 100).toFixed(1).padStart(5)}%  ${name}`)
    .join('\n');
}

export function summariseAllocationProfile(file: string, { bundle, limit = 30 }: { bundle?: string; limit?: number }): string {
  const { head } = JSON.parse(fs.readFileSync(file, 'utf8')) as { head: AllocationNode };
  const moduleOf = bundleModules(bundle);
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  const moduleTotal = new Map<string, number>();
  const byCategory = new Map<string, number>();
  const add = (map: Map<string, number>, key: string, bytes: number) => map.set(key, (map.get(key) ?? 0) + bytes);
  let all = 0;
  const walk = (node: AllocationNode, stack: string[], modules: string[]) => {
    const frame = node.callFrame;
    const category = categoryOf(frame);
    const module = category === 'extension' ? moduleOf(frame.lineNumber) : undefined;
    const where = module ?? (frame.url ? `${frame.url.split('?')[0].split('/').slice(-1)[0]}:${frame.lineNumber + 1}` : '');
    const key = `[${category}] ${frame.functionName || '(anonymous)'} ${where}`.trim();
    const here = stack.includes(key) ? stack : [...stack, key];
    const inModules = module && !modules.includes(module) ? [...modules, module] : modules;
    if (node.selfSize) {
      all += node.selfSize;
      add(self, key, node.selfSize);
      add(byCategory, category, node.selfSize);
      for (const k of here) add(total, k, node.selfSize);
      for (const m of inModules) add(moduleTotal, m, node.selfSize);
    }
    for (const child of node.children) walk(child, here, inModules);
  };
  walk(head, [], []);
  const ours = new Map([...total].filter(([k]) => k.startsWith('[extension]')));
  return [
    `${file}`,
    `sampled: ${(all / 1024 / 1024).toFixed(1)} MB allocated that was live at the end or freed by a full collection (objects a scavenge freed are left out)`,
    `by category of the allocating function:\n${table(byCategory, all, 20)}`,
    `extension source files on the allocating stack:\n${table(moduleTotal, all, limit)}`,
    `extension functions on the allocating stack:\n${table(ours, all, limit)}`,
    `allocating functions (self):\n${table(self, all, limit)}`,
    `all functions on the allocating stack:\n${table(new Map([...total].filter(([k]) => !k.startsWith('[(root)'))), all, limit)}`,
  ].join('\n\n') + '\n';
}

if (require.main === module) {
  const [file, bundle] = process.argv.slice(2);
  process.stdout.write(summariseAllocationProfile(file, { bundle }));
}
