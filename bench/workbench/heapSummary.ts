// What a later heap snapshot holds that an earlier one did not: live objects by constructor (count and
// shallow size, both snapshots), and the objects that are new in the later one grouped by what holds
// them (the holder's constructor and the edge name, e.g. `Map → verdicts`), so a cache that grows with
// every delivery shows up by name. Node ids are stable between snapshots of one process.
//   node out/bench/workbench/heapSummary.js <earlier.heapsnapshot> <later.heapsnapshot>
import * as fs from 'node:fs';

interface RawSnapshot {
  snapshot: { meta: { node_fields: string[]; node_types: [string[]]; edge_fields: string[]; edge_types: [string[]] } };
  nodes: number[];
  edges: number[];
  strings: string[];
}

class Snapshot {
  readonly nodeCount: number;
  private readonly nodeFields: number;
  private readonly edgeFields: number;
  private readonly at: Record<string, number>;
  private readonly edgeAt: Record<string, number>;
  private readonly nodeTypes: string[];
  private readonly edgeTypes: string[];
  /** Index of each node's first edge. */
  private readonly firstEdge: Uint32Array;

  constructor(private readonly raw: RawSnapshot) {
    const meta = raw.snapshot.meta;
    this.nodeFields = meta.node_fields.length;
    this.edgeFields = meta.edge_fields.length;
    this.at = Object.fromEntries(meta.node_fields.map((f, i) => [f, i]));
    this.edgeAt = Object.fromEntries(meta.edge_fields.map((f, i) => [f, i]));
    this.nodeTypes = meta.node_types[0];
    this.edgeTypes = meta.edge_types[0];
    this.nodeCount = raw.nodes.length / this.nodeFields;
    this.firstEdge = new Uint32Array(this.nodeCount + 1);
    for (let n = 0, e = 0; n < this.nodeCount; n++) {
      this.firstEdge[n] = e;
      e += raw.nodes[n * this.nodeFields + this.at.edge_count] * this.edgeFields;
      this.firstEdge[n + 1] = e;
    }
  }

  static read(file: string): Snapshot {
    return new Snapshot(JSON.parse(fs.readFileSync(file, 'utf8')) as RawSnapshot);
  }

  id(n: number): number {
    return this.raw.nodes[n * this.nodeFields + this.at.id];
  }

  size(n: number): number {
    return this.raw.nodes[n * this.nodeFields + this.at.self_size];
  }

  /** What kind of thing a node is: its constructor for objects, else its type (and name where it helps). */
  kind(n: number): string {
    const type = this.nodeTypes[this.raw.nodes[n * this.nodeFields + this.at.type]];
    const name = this.raw.strings[this.raw.nodes[n * this.nodeFields + this.at.name]];
    switch (type) {
      case 'object':
        return name;
      case 'string':
      case 'concatenated string':
      case 'sliced string':
        return '(string)';
      case 'closure':
        return `(closure ${name || 'anonymous'})`;
      case 'code':
        return '(code)';
      case 'number':
        return '(heap number)';
      default:
        return `(${type} ${name.length > 40 ? name.slice(0, 40) + '…' : name})`;
    }
  }

  /** For each node, one node that holds it through a strong edge (and that edge's name), or -1. */
  holders(): { holder: Int32Array; edge: string[] } {
    const holder = new Int32Array(this.nodeCount).fill(-1);
    const edge: string[] = new Array(this.nodeCount);
    const { edges, strings } = this.raw;
    for (let n = 0; n < this.nodeCount; n++) {
      for (let e = this.firstEdge[n]; e < this.firstEdge[n + 1]; e += this.edgeFields) {
        const type = this.edgeTypes[edges[e + this.edgeAt.type]];
        if (type === 'weak' || type === 'shortcut') continue;
        const to = edges[e + this.edgeAt.to_node] / this.nodeFields;
        if (holder[to] !== -1) continue;
        holder[to] = n;
        const name = edges[e + this.edgeAt.name_or_index];
        const label = type === 'element' || type === 'hidden' ? `[${type}]` : String(strings[name]);
        edge[to] = /^\d+$/.test(label) ? '[index]' : label;
      }
    }
    return { holder, edge };
  }
}

interface Tally {
  count: number;
  bytes: number;
}

function tally(map: Map<string, Tally>, key: string, bytes: number): void {
  const t = map.get(key) ?? { count: 0, bytes: 0 };
  t.count += 1;
  t.bytes += bytes;
  map.set(key, t);
}

function byKind(snapshot: Snapshot): Map<string, Tally> {
  const kinds = new Map<string, Tally>();
  for (let n = 0; n < snapshot.nodeCount; n++) tally(kinds, snapshot.kind(n), snapshot.size(n));
  return kinds;
}

/** How many holders up the chains of new objects are followed. */
const CHAIN_LINKS = 4;

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(2)} MB`;

export function diffHeapSnapshots(earlierFile: string, laterFile: string, limit = 30): string {
  const earlier = Snapshot.read(earlierFile);
  const earlierIds = new Set<number>();
  for (let n = 0; n < earlier.nodeCount; n++) earlierIds.add(earlier.id(n));
  const earlierKinds = byKind(earlier);
  const later = Snapshot.read(laterFile);
  const laterKinds = byKind(later);
  const total = (kinds: Map<string, Tally>) => [...kinds.values()].reduce((s, t) => s + t.bytes, 0);

  const growth = [...new Set([...earlierKinds.keys(), ...laterKinds.keys()])]
    .map((k) => {
      const a = earlierKinds.get(k) ?? { count: 0, bytes: 0 };
      const b = laterKinds.get(k) ?? { count: 0, bytes: 0 };
      return { k, count: b.count - a.count, bytes: b.bytes - a.bytes, now: b };
    })
    .sort((x, y) => y.bytes - x.bytes);

  const { holder, edge } = later.holders();
  const fresh = new Map<string, Tally>();
  const freshKinds = new Map<string, Tally>();
  const holderOf = (n: number) => (holder[n] >= 0 ? `${later.kind(holder[n])} —${edge[n] ?? ''}→` : '(no holder)');
  for (let n = 0; n < later.nodeCount; n++) {
    if (earlierIds.has(later.id(n))) continue;
    tally(freshKinds, later.kind(n), later.size(n));
    tally(fresh, `${holderOf(n)} ${later.kind(n)}`, later.size(n));
  }
  // The kinds that grew most in number: who holds their new objects, CHAIN_LINKS links up.
  const growingKinds = growth.filter((g) => g.count > 0 && !g.k.startsWith('(')).sort((a, b) => b.count - a.count).slice(0, 6).map((g) => g.k);
  const chainOf = (n: number) => {
    const links: string[] = [];
    for (let at = n, i = 0; i < CHAIN_LINKS && at >= 0; i++, at = holder[at]) links.unshift(holderOf(at));
    return links.join(' ');
  };
  const chains = growingKinds.map((kind) => {
    const byChain = new Map<string, Tally>();
    for (let n = 0; n < later.nodeCount; n++) {
      if (later.kind(n) !== kind || earlierIds.has(later.id(n))) continue;
      tally(byChain, `${chainOf(n)} ${kind}`, later.size(n));
    }
    const top = [...byChain].sort((a, b) => b[1].count - a[1].count).slice(0, 4);
    return `  ${kind}:\n${top.map(([k, t]) => `    ${String(t.count).padStart(8)}×  ${k}`).join('\n')}`;
  });
  const lines = (rows: Array<[string, Tally]>) =>
    rows
      .sort((a, b) => b[1].bytes - a[1].bytes)
      .slice(0, limit)
      .map(([k, t]) => `  ${mb(t.bytes).padStart(10)} ${String(t.count).padStart(8)}×  ${k}`)
      .join('\n');
  return [
    `${earlierFile} → ${laterFile}`,
    `live shallow size: ${mb(total(earlierKinds))} → ${mb(total(laterKinds))}`,
    `growth by kind (shallow bytes, count):\n${growth
      .slice(0, limit)
      .map((g) => `  ${mb(g.bytes).padStart(10)} ${(g.count >= 0 ? '+' : '') + g.count}`.padEnd(24) + `  ${g.k} (now ${g.now.count}, ${mb(g.now.bytes)})`)
      .join('\n')}`,
    `objects new in the later snapshot, by kind:\n${lines([...freshKinds])}`,
    `objects new in the later snapshot, by holder —edge→ kind:\n${lines([...fresh])}`,
    `who holds the new objects of the kinds that grew most in number (${CHAIN_LINKS} links up):\n${chains.join('\n')}`,
  ].join('\n\n') + '\n';
}

if (require.main === module) {
  const [earlier, later] = process.argv.slice(2);
  process.stdout.write(diffHeapSnapshots(earlier, later));
}
