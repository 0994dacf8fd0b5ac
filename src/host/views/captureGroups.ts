// The capture tree's model, kept up to date capture by capture instead of rebuilt on every change.
// No 'vscode' here: the tree provider turns it into tree items, and plain mocha tests drive it.
import type { CaptureSummary } from '../../core';
import { routeOf } from '../../core';

/** The newest captures a route shows at first; a row below them shows this many older ones per click. */
export const CAPTURES_PER_PAGE = 100;

export interface CaptureNode {
  readonly kind: 'capture';
  /** Replaced when the capture's summary changes (a forward result, the answer sent, damage found). */
  summary: CaptureSummary;
}

export interface RouteNode {
  readonly kind: 'route';
  /** The URL path the captures were sent to. */
  readonly route: string;
  /** Every capture of the route that the filter lets through, newest first. */
  readonly captures: readonly CaptureSummary[];
  /** How many captures that is. */
  readonly count: number;
}

/** The last row of a route with more captures than it shows: a click shows the next page of older ones. */
export interface OlderCapturesNode {
  readonly kind: 'older';
  readonly parent: RouteNode;
  /** How many of the route's captures are not shown. */
  readonly hidden: number;
}

export type CaptureTreeNode = RouteNode | CaptureNode | OlderCapturesNode;

/** What a change did to the tree: which nodes to repaint, or everything (routes came, went or moved). */
export interface TreeChange {
  all: boolean;
  nodes: Set<RouteNode | CaptureNode>;
}

export function noChange(): TreeChange {
  return { all: false, nodes: new Set() };
}

/** One route's captures, oldest first, and how many of the newest it shows. Node objects stay the same for VS Code. */
class RouteGroup implements RouteNode {
  readonly kind = 'route';
  readonly entries: CaptureNode[] = [];
  shownLimit = CAPTURES_PER_PAGE;
  readonly older: OlderCapturesNode;

  constructor(readonly route: string) {
    const hidden = () => Math.max(0, this.entries.length - this.shownLimit);
    this.older = {
      kind: 'older',
      parent: this,
      get hidden() {
        return hidden();
      },
    };
  }

  get captures(): CaptureSummary[] {
    const summaries: CaptureSummary[] = [];
    for (let i = this.entries.length - 1; i >= 0; i--) summaries.push(this.entries[i].summary);
    return summaries;
  }

  get count(): number {
    return this.entries.length;
  }

  get newestSeq(): number {
    return this.entries.length ? this.entries[this.entries.length - 1].summary.seq : -1;
  }

  /** The newest `shownLimit` captures, newest first, then the row for older ones when there are more. */
  children(): Array<CaptureNode | OlderCapturesNode> {
    const shown: Array<CaptureNode | OlderCapturesNode> = [];
    const stop = Math.max(0, this.entries.length - this.shownLimit);
    for (let i = this.entries.length - 1; i >= stop; i--) shown.push(this.entries[i]);
    if (stop > 0) shown.push(this.older);
    return shown;
  }

  /** Inserts in seq order; captures almost always arrive newest, so this is nearly always a push. */
  insert(node: CaptureNode): void {
    let at = this.entries.length;
    while (at > 0 && this.entries[at - 1].summary.seq > node.summary.seq) at--;
    this.entries.splice(at, 0, node);
  }

  /** Removes a node; eviction takes the oldest, so the search starts at the front. */
  delete(node: CaptureNode): void {
    const at = this.entries.indexOf(node);
    if (at >= 0) this.entries.splice(at, 1);
  }
}

/**
 * The captures the filter lets through, grouped by route (the URL path without its query): the route
 * with the newest capture first, each route's captures newest first. Every change says which nodes
 * it touched, so the tree repaints those instead of every row.
 */
export class CaptureGroups {
  private readonly groups = new Map<string, RouteGroup>();
  private readonly nodes = new Map<string, { node: CaptureNode; group: RouteGroup }>();
  private ordered: RouteGroup[] | undefined = [];

  constructor(private readonly matches: (summary: CaptureSummary) => boolean) {}

  /** How many captures the filter lets through. */
  get size(): number {
    return this.nodes.size;
  }

  /** The routes, the one with the newest capture first. */
  routes(): RouteNode[] {
    this.ordered ??= [...this.groups.values()].sort((a, b) => b.newestSeq - a.newestSeq);
    return this.ordered;
  }

  children(route: RouteNode): Array<CaptureNode | OlderCapturesNode> {
    const group = this.groups.get(route.route);
    return group === route ? group.children() : [];
  }

  routeOf(node: CaptureNode | OlderCapturesNode): RouteNode | undefined {
    return node.kind === 'older' ? node.parent : this.nodes.get(node.summary.id)?.group;
  }

  node(id: string): CaptureNode | undefined {
    return this.nodes.get(id)?.node;
  }

  /** Starts again from the store's list (oldest first): after a clear, a new folder or a new filter. */
  reset(summaries: readonly CaptureSummary[]): TreeChange {
    const limits = new Map([...this.groups].map(([route, group]) => [route, group.shownLimit]));
    this.groups.clear();
    this.nodes.clear();
    for (const summary of summaries) if (this.matches(summary)) this.place({ kind: 'capture', summary });
    for (const [route, limit] of limits) {
      const group = this.groups.get(route);
      if (group) group.shownLimit = limit;
    }
    this.ordered = undefined;
    return { all: true, nodes: new Set() };
  }

  add(summary: CaptureSummary, change: TreeChange = noChange()): TreeChange {
    if (this.nodes.has(summary.id) || !this.matches(summary)) return change;
    const leader = this.routes()[0];
    const group = this.place({ kind: 'capture', summary });
    if (group.entries.length === 1 || (group !== leader && group.newestSeq === summary.seq)) this.reorder(change);
    else change.nodes.add(group);
    return change;
  }

  /** A capture's summary changed: repaint its row, or its route when the filter now says otherwise. */
  update(summary: CaptureSummary, change: TreeChange = noChange()): TreeChange {
    const known = this.nodes.get(summary.id);
    if (!known) return this.add(summary, change);
    known.node.summary = summary;
    if (this.matches(summary)) change.nodes.add(known.node);
    else this.remove([summary.id], change);
    return change;
  }

  remove(ids: readonly string[], change: TreeChange = noChange()): TreeChange {
    for (const id of ids) {
      const known = this.nodes.get(id);
      if (!known) continue;
      const { node, group } = known;
      const wasNewest = group.newestSeq === node.summary.seq;
      this.nodes.delete(id);
      group.delete(node);
      if (group.entries.length === 0) {
        this.groups.delete(group.route);
        change.nodes.delete(group);
        this.reorder(change);
      } else if (wasNewest) {
        this.reorder(change);
      } else {
        change.nodes.add(group);
      }
      change.nodes.delete(node);
    }
    return change;
  }

  /** Shows the next page of a route's older captures. */
  showOlder(route: RouteNode): TreeChange {
    const group = this.groups.get(route.route);
    if (group !== route) return noChange();
    group.shownLimit += CAPTURES_PER_PAGE;
    return { all: false, nodes: new Set([group]) };
  }

  /** The captures shown for `deliveryId`'s provider delivery (their duplicate marks may change with it). */
  withDeliveryIds(keys: ReadonlySet<string>): CaptureNode[] {
    const found: CaptureNode[] = [];
    if (keys.size === 0) return found;
    for (const { node } of this.nodes.values()) if (keys.has(deliveryKey(node.summary) ?? '')) found.push(node);
    return found;
  }

  private place(node: CaptureNode): RouteGroup {
    const route = routeOf(node.summary.url);
    let group = this.groups.get(route);
    if (!group) this.groups.set(route, (group = new RouteGroup(route)));
    group.insert(node);
    this.nodes.set(node.summary.id, { node, group });
    return group;
  }

  private reorder(change: TreeChange): void {
    this.ordered = undefined;
    change.all = true;
  }
}

/** Captures with equal keys carry the same provider delivery id: one is the original, the rest duplicates. */
export function deliveryKey(summary: CaptureSummary): string | undefined {
  return summary.deliveryId ? `${summary.provider ?? ''}\u0000${summary.deliveryId}` : undefined;
}
