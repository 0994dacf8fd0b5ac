// Where a .cpuprofile's time went: by category (the extension, VS Code, Node, GC, idle), by function
// (self and total time) and, for the extension's bundle, by source file — esbuild's development
// bundle marks each module with a `// src/…` comment line, which is enough to name the file.
//   node out/bench/workbench/cpuProfileSummary.js <file.cpuprofile> [dist/extension.js]
import * as fs from 'node:fs';

export interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}

interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}

interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

const SPECIAL = new Set(['(idle)', '(program)', '(garbage collector)', '(root)']);

export function categoryOf(frame: CallFrame): string {
  if (SPECIAL.has(frame.functionName)) return frame.functionName;
  const url = frame.url;
  if (url.includes('webhook-workbench')) return url.includes('payloadView') ? 'payload view (webview)' : 'extension';
  if (url.includes('payloadView.js')) return 'payload view (webview)';
  if (url.startsWith('node:') || url.startsWith('internal/')) return 'Node';
  if (url.includes('/vscode/') || url.includes('/vs/') || url.includes('workbench')) return 'VS Code';
  if (!url) return 'native';
  return `other (${url.split('/').pop()})`;
}

/** For each line of the bundle, the module it belongs to (from esbuild's `// path` markers). */
export function bundleModules(bundle: string | undefined): (line: number) => string | undefined {
  if (!bundle || !fs.existsSync(bundle)) return () => undefined;
  const starts: Array<{ line: number; module: string }> = [];
  fs.readFileSync(bundle, 'utf8').split('\n').forEach((text, line) => {
    const match = /^\s*\/\/ ((?:src|node_modules)\/\S+\.[cm]?[jt]s)$/.exec(text);
    if (match) starts.push({ line, module: match[1] });
  });
  return (line) => {
    let low = 0;
    let high = starts.length - 1;
    let found: string | undefined;
    while (low <= high) {
      const mid = (low + high) >> 1;
      if (starts[mid].line <= line) {
        found = starts[mid].module;
        low = mid + 1;
      } else high = mid - 1;
    }
    return found;
  };
}

function table(rows: Array<[string, number]>, total: number, limit: number): string {
  return rows
    .sort((a, b) => b[1] - a[1])
    .slice(0, limit)
    .map(([name, time]) => `  ${(time / 1000).toFixed(1).padStart(8)} ms ${((time / total) * 100).toFixed(1).padStart(5)}%  ${name}`)
    .join('\n');
}

export interface Sample {
  /** Monotonic microseconds (the same clock as process.hrtime and Chromium's trace events). */
  time: number;
  /** How long the sample stands for (until the next one), in microseconds. */
  duration: number;
  category: string;
  /** `[category] function source` of the sampled frame. */
  key: string;
  /** Keys of the frame and its callers, innermost first, each once. */
  stack: string[];
  /** Extension source files on the stack, each once. */
  modules: string[];
}

/** The profile's samples with their time, function and callers. */
export function readSamples(file: string, bundle?: string): Sample[] {
  const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as Profile;
  const moduleOf = bundleModules(bundle);
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const keyOf = new Map<number, string>();
  const moduleOfNode = new Map<number, string | undefined>();
  for (const node of profile.nodes) {
    const f = node.callFrame;
    const category = categoryOf(f);
    const module = category === 'extension' ? moduleOf(f.lineNumber) : undefined;
    moduleOfNode.set(node.id, module);
    const where = module ?? (f.url ? `${f.url.split('?')[0].split('/').slice(-1)[0]}:${f.lineNumber + 1}` : '');
    keyOf.set(node.id, `[${category}] ${f.functionName || '(anonymous)'} ${where}`.trim());
  }
  const stacks = new Map<number, { stack: string[]; modules: string[] }>();
  const stackOf = (id: number) => {
    let found = stacks.get(id);
    if (!found) {
      const stack = new Set<string>();
      const modules = new Set<string>();
      for (let n: number | undefined = id; n !== undefined; n = parent.get(n)) {
        stack.add(keyOf.get(n)!);
        const module = moduleOfNode.get(n);
        if (module) modules.add(module);
      }
      stacks.set(id, (found = { stack: [...stack], modules: [...modules] }));
    }
    return found;
  };
  const samples: Sample[] = [];
  let time = profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) {
    time += profile.timeDeltas[i];
    // A sample lasts until the next one is taken.
    const duration = i + 1 < profile.timeDeltas.length ? profile.timeDeltas[i + 1] : 0;
    const id = profile.samples[i];
    samples.push({ time, duration, category: categoryOf(byId.get(id)!.callFrame), key: keyOf.get(id)!, ...stackOf(id) });
  }
  return samples;
}

export function summariseCpuProfile(file: string, { bundle, limit = 30 }: { bundle?: string; limit?: number }): string {
  const samples = readSamples(file, bundle);
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  const byCategory = new Map<string, number>();
  const moduleTotal = new Map<string, number>();
  const moduleSelf = new Map<string, number>();
  let all = 0;
  const add = (map: Map<string, number>, key: string, time: number) => map.set(key, (map.get(key) ?? 0) + time);
  for (const sample of samples) {
    const time = sample.duration;
    all += time;
    add(self, sample.key, time);
    add(byCategory, sample.category, time);
    if (sample.category === 'extension' && sample.modules.length) add(moduleSelf, sample.modules[0], time);
    for (const key of sample.stack) add(total, key, time);
    for (const module of sample.modules) add(moduleTotal, module, time);
  }
  const ours = (map: Map<string, number>) => [...map].filter(([k]) => k.startsWith('[extension]') || k.startsWith('[payload view'));
  const busy = all - (byCategory.get('(idle)') ?? 0);
  return [
    `${file}`,
    `profile: ${(all / 1000).toFixed(0)} ms sampled, ${(busy / 1000).toFixed(0)} ms not idle (${((busy / Math.max(1, all)) * 100).toFixed(0)}% of the main thread)`,
    `self time by category:\n${table([...byCategory], all, 20)}`,
    `extension source files, total (inclusive) time:\n${table([...moduleTotal], all, limit)}`,
    `extension source files, self time:\n${table([...moduleSelf], all, limit)}`,
    `extension functions, total time:\n${table(ours(total), all, limit)}`,
    `extension functions, self time:\n${table(ours(self), all, limit)}`,
    `all functions, self time:\n${table([...self].filter(([k]) => !k.startsWith('[(idle)')), all, limit)}`,
    `all functions, total time:\n${table([...total].filter(([k]) => !k.startsWith('[(root)') && !k.startsWith('[(idle)')), all, limit)}`,
  ].join('\n\n') + '\n';
}

if (require.main === module) {
  const [file, bundle] = process.argv.slice(2);
  process.stdout.write(summariseCpuProfile(file, { bundle }));
}
