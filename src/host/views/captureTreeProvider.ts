import * as vscode from 'vscode';
import type { CaptureStore, CaptureSummary } from '../../core';
import { DisposableBase, routeOf } from '../../core';
import { ContextKeys } from '../commandIds';
import type { SignatureService } from '../signatures/signatureService';
import type { CaptureFilter } from './captureFilter';
import type { CaptureTreeNode, RouteNode } from './captureTreeItems';
import { captureTooltip, captureTreeItem, routeTreeItem } from './captureTreeItems';

/** Refreshes are coalesced so a burst of deliveries repaints once, well within 100 ms. */
const REFRESH_DELAY_MS = 25;

/** Captures newest first, grouped by route (the URL path), filtered by the capture filter. */
export class CaptureTreeProvider extends DisposableBase implements vscode.TreeDataProvider<CaptureTreeNode>, vscode.Disposable {
  private readonly _onDidChangeTreeData = this._register(new vscode.EventEmitter<CaptureTreeNode | undefined>());
  readonly onDidChangeTreeData = this._onDidChangeTreeData.event;
  private refreshTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly store: CaptureStore,
    private readonly filter: CaptureFilter,
    private readonly signatures: SignatureService,
  ) {
    super();
    this._register(signatures.onDidChange(() => this.scheduleRefresh()));
    this._register(store.onDidAdd(() => this.scheduleRefresh()));
    this._register(store.onDidUpdate(() => this.scheduleRefresh()));
    this._register(store.onDidRemove(() => this.scheduleRefresh()));
    this._register(store.onDidClear(() => this.scheduleRefresh()));
    this._register(filter.onDidChange(() => this.scheduleRefresh()));
    this.updateContext();
  }

  getChildren(node?: CaptureTreeNode): CaptureTreeNode[] {
    if (!node) return this.routes();
    if (node.kind === 'route') return node.captures.map((summary) => ({ kind: 'capture', summary }));
    return [];
  }

  async getTreeItem(node: CaptureTreeNode): Promise<vscode.TreeItem> {
    if (node.kind === 'route') return routeTreeItem(node);
    const signature = await this.signatures.verdictFor(node.summary.id).catch(() => undefined);
    return captureTreeItem(node.summary, { signature, duplicateOf: this.store.duplicateOf(node.summary.id) });
  }

  getParent(node: CaptureTreeNode): CaptureTreeNode | undefined {
    if (node.kind === 'route') return undefined;
    return this.routes().find((r) => r.route === routeOf(node.summary.url));
  }

  async resolveTreeItem(item: vscode.TreeItem, node: CaptureTreeNode): Promise<vscode.TreeItem> {
    if (node.kind === 'capture') {
      const capture = await this.store.read(node.summary.id);
      const signature = capture && (await this.signatures.verdictFor(capture.id, capture).catch(() => undefined));
      if (capture) item.tooltip = captureTooltip(capture, { signature, duplicateOf: this.store.duplicateOf(capture.id) });
    }
    return item;
  }

  /** The capture nodes currently shown, newest first. */
  visibleCaptures(): CaptureSummary[] {
    return this.store.list().filter((s) => this.filter.matches(s)).reverse();
  }

  override dispose(): void {
    clearTimeout(this.refreshTimer);
    super.dispose();
  }

  private routes(): RouteNode[] {
    const groups = new Map<string, RouteNode>();
    for (const summary of this.visibleCaptures()) {
      const route = routeOf(summary.url);
      let group = groups.get(route);
      if (!group) groups.set(route, (group = { kind: 'route', route, captures: [] }));
      group.captures.push(summary);
    }
    // Map order is first-seen order over newest-first captures: the route with the newest capture leads.
    return [...groups.values()];
  }

  private scheduleRefresh(): void {
    if (this.refreshTimer) return;
    this.refreshTimer = setTimeout(() => {
      this.refreshTimer = undefined;
      this.updateContext();
      this._onDidChangeTreeData.fire(undefined);
    }, REFRESH_DELAY_MS);
  }

  private updateContext(): void {
    void vscode.commands.executeCommand('setContext', ContextKeys.hasCaptures, this.store.size > 0);
  }
}
