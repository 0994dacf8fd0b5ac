import * as vscode from 'vscode';
import type { CaptureStore, CaptureSummary, RemovedCaptures } from '../../core';
import { DisposableBase } from '../../core';
import { ContextKeys } from '../commandIds';
import type { SignatureService } from '../signatures/signatureService';
import type { CaptureFilter } from './captureFilter';
import type { CaptureNode, CaptureTreeNode, TreeChange } from './captureGroups';
import { CaptureGroups, deliveryKey, noChange } from './captureGroups';
import { captureTooltip, captureTreeItem, olderCapturesTreeItem, routeTreeItem } from './captureTreeItems';
import { endOfDay } from './formatting';
import type { BusyPacing, Clock } from './refreshThrottle';
import { RefreshThrottle, systemClock } from './refreshThrottle';

/**
 * VS Code's extension host debounces `onDidChangeTreeData` by 200 ms with a leading edge, and every
 * event restarts the wait (`extHostTreeViews.ts`, `Event.debounce(…, 200, true)`): events closer
 * together than that, as in a burst of deliveries, would repaint the tree at the burst's start and
 * only 200 ms after its end. Spaced just over it, every refresh is a leading edge, painted at once.
 */
export const TREE_REFRESH_INTERVAL_MS = 210;

/**
 * During a burst (deliveries closer together than 60 ms) the tree is repainted once a second, and
 * 60 ms after the burst ends: each repaint rebuilds a route's rows in VS Code's extension host and
 * renderer, and five a second cost a third of the extension host's CPU in a 500/s burst.
 */
export const TREE_BUSY_PACING: BusyPacing = { busyIntervalMs: 1000, quietMs: 60 };

/**
 * Captures newest first, grouped by route (the URL path), filtered by the capture filter. The groups
 * are kept up to date capture by capture and each capture's tree item is built once: a change repaints
 * the route (or the row) it touched, and only routes coming, going or moving repaint the whole tree.
 */
export class CaptureTreeProvider extends DisposableBase implements vscode.TreeDataProvider<CaptureTreeNode>, vscode.Disposable {
  private readonly _onDidChangeTreeData = this._register(new vscode.EventEmitter<CaptureTreeNode | CaptureTreeNode[] | undefined>());
  readonly onDidChangeTreeData = this._onDidChangeTreeData.event;
  private readonly groups: CaptureGroups;
  /** Each capture's tree item, built once; dropped when the capture, its verdict or "today" changes. */
  private readonly items = new Map<string, vscode.TreeItem>();
  /** Bumped whenever every item is dropped: an item built across that is not kept. */
  private itemGeneration = 0;
  /** Items show the time alone for today's captures: at midnight they are rebuilt. */
  private itemsValidUntil = endOfDay();
  private pending: TreeChange = noChange();
  private readonly throttle: RefreshThrottle;
  private hasCaptures: boolean | undefined;

  constructor(
    private readonly store: CaptureStore,
    filter: CaptureFilter,
    private readonly signatures: SignatureService,
    clock: Clock = systemClock,
  ) {
    super();
    this.groups = new CaptureGroups((summary) => filter.matches(summary));
    this.groups.reset(store.list());
    this.throttle = this._register(new RefreshThrottle(TREE_REFRESH_INTERVAL_MS, () => this.flush(), clock, TREE_BUSY_PACING));
    this._register(
      signatures.onDidChange(() => {
        this.dropItems();
        this.schedule({ all: true, nodes: new Set() });
      }),
    );
    this._register(store.onDidAdd((summary) => this.schedule(this.groups.add(summary, this.pending))));
    this._register(store.onDidUpdate((summary) => this.onUpdate(summary)));
    this._register(store.onDidRemove((removed) => this.onRemove(removed)));
    this._register(store.onDidClear(() => this.rebuild()));
    this._register(filter.onDidChange(() => this.rebuild()));
    this.updateContext();
  }

  getChildren(node?: CaptureTreeNode): CaptureTreeNode[] {
    if (!node) return this.groups.routes();
    if (node.kind === 'route') return this.groups.children(node);
    return [];
  }

  async getTreeItem(node: CaptureTreeNode): Promise<vscode.TreeItem> {
    if (node.kind === 'route') return routeTreeItem(node);
    if (node.kind === 'older') return olderCapturesTreeItem(node);
    return this.captureItem(node);
  }

  getParent(node: CaptureTreeNode): CaptureTreeNode | undefined {
    return node.kind === 'route' ? undefined : this.groups.routeOf(node);
  }

  async resolveTreeItem(item: vscode.TreeItem, node: CaptureTreeNode): Promise<vscode.TreeItem> {
    if (node.kind === 'capture') {
      const capture = await this.store.read(node.summary.id);
      const signature = capture && (await this.signatures.verdictFor(capture.id, capture).catch(() => undefined));
      if (capture) item.tooltip = captureTooltip(capture, { signature, duplicateOf: this.store.duplicateOf(capture.id) });
    }
    return item;
  }

  /** How many captures the tree holds (those the filter lets through). */
  get shownCount(): number {
    return this.groups.size;
  }

  /** Shows the next page of a route's older captures (the row under its newest ones). */
  showOlder(route: string): void {
    const node = this.groups.routes().find((r) => r.route === route);
    if (node) this.schedule(this.groups.showOlder(node));
  }

  private async captureItem(node: CaptureNode): Promise<vscode.TreeItem> {
    if (Date.now() >= this.itemsValidUntil) {
      this.dropItems();
      this.itemsValidUntil = endOfDay();
    }
    const summary = node.summary;
    const cached = this.items.get(summary.id);
    if (cached) return cached;
    const generation = this.itemGeneration;
    const signature = await this.signatures.verdictFor(summary.id).catch(() => undefined);
    const item = captureTreeItem(summary, { signature, duplicateOf: this.store.duplicateOf(summary.id) });
    // Kept only if nothing changed meanwhile, and the capture is still in the tree.
    if (generation === this.itemGeneration && node.summary === summary && this.groups.node(summary.id) === node) this.items.set(summary.id, item);
    return item;
  }

  private onUpdate(summary: CaptureSummary): void {
    this.items.delete(summary.id);
    this.schedule(this.groups.update(summary, this.pending));
  }

  private onRemove({ summaries }: RemovedCaptures): void {
    const ids = summaries.map((s) => s.id);
    for (const id of ids) this.items.delete(id);
    this.groups.remove(ids, this.pending);
    // The capture that remains first of a delivery id is an original now, no longer a duplicate.
    const keys = new Set(summaries.map(deliveryKey).filter((k): k is string => k !== undefined));
    for (const node of this.groups.withDeliveryIds(keys)) {
      this.items.delete(node.summary.id);
      this.pending.nodes.add(node);
    }
    this.schedule(this.pending);
  }

  private rebuild(): void {
    this.dropItems();
    this.schedule(this.groups.reset(this.store.list()));
  }

  private dropItems(): void {
    this.items.clear();
    this.itemGeneration += 1;
  }

  private schedule(change: TreeChange): void {
    if (change !== this.pending) {
      this.pending.all ||= change.all;
      for (const node of change.nodes) this.pending.nodes.add(node);
    }
    if (this.pending.all || this.pending.nodes.size) this.throttle.request();
  }

  private flush(): void {
    const { all, nodes } = this.pending;
    this.pending = noChange();
    this.updateContext();
    if (all) this._onDidChangeTreeData.fire(undefined);
    else if (nodes.size) this._onDidChangeTreeData.fire([...nodes]);
  }

  private updateContext(): void {
    const has = this.store.size > 0;
    if (has === this.hasCaptures) return;
    this.hasCaptures = has;
    void vscode.commands.executeCommand('setContext', ContextKeys.hasCaptures, has);
  }
}
