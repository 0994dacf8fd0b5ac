import * as vscode from 'vscode';
import type { CaptureStore } from '../../core';
import { DisposableBase } from '../../core';
import { curlExample } from '../commands/listenerCommands';
import type { ListenerController } from '../listenerController';
import type { TunnelController } from '../tunnel/tunnelController';
import type { CaptureFilter } from './captureFilter';
import type { CaptureTreeNode } from './captureTreeItems';
import type { CaptureTreeProvider } from './captureTreeProvider';
import type { StoreProblems } from './storeProblems';

/** Bursts of deliveries update the message once. */
const UPDATE_DELAY_MS = 25;

/**
 * The line at the top of the Webhooks view: what is wrong with the capture store, if anything, the
 * listener's actual URL on any port (a view alone in its container shows no title description), the
 * public URL, and a curl command while nothing has arrived. VS Code shows welcome content only while
 * the message is unset, so it stays unset when the view is empty and the listener stopped: the
 * welcome content has the buttons for that state (store problems included).
 */
export class CaptureViewMessage extends DisposableBase implements vscode.Disposable {
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly treeView: vscode.TreeView<CaptureTreeNode>,
    private readonly listener: ListenerController,
    private readonly tunnel: TunnelController,
    private readonly store: CaptureStore,
    private readonly filter: CaptureFilter,
    private readonly tree: CaptureTreeProvider,
    private readonly storeProblems: StoreProblems,
  ) {
    super();
    const later = () => this.scheduleUpdate();
    this._register(listener.onDidChangeState(later));
    this._register(tunnel.onDidChangeState(later));
    this._register(filter.onDidChange(later));
    this._register(store.onDidAdd(later));
    this._register(store.onDidRemove(later));
    this._register(store.onDidClear(later));
    this._register(store.onDidChangeHealth(later));
    this.update();
  }

  override dispose(): void {
    clearTimeout(this.timer);
    super.dispose();
  }

  private scheduleUpdate(): void {
    this.timer ??= setTimeout(() => {
      this.timer = undefined;
      this.update();
    }, UPDATE_DELAY_MS);
  }

  private update(): void {
    const message = this.compose();
    if (message !== this.treeView.message) this.treeView.message = message;
  }

  private compose(): string | undefined {
    const shown = this.filter.active ? this.tree.shownCount : this.store.size;
    const parts: string[] = [];
    const storeProblem = this.storeProblems.viewMessage;
    if (storeProblem) parts.push(storeProblem);
    const address = this.listener.address;
    if (address) {
      parts.push(vscode.l10n.t('Listening on {0} (any method, any path).', address.url));
      if (this.tunnel.url) parts.push(vscode.l10n.t('Public URL: {0}.', this.tunnel.url));
    } else if (shown === 0 && !this.filter.active) {
      return undefined;
    } else {
      const problem = this.listener.problem;
      parts.push(problem ? vscode.l10n.t('The listener is not running: {0}.', problem.message) : vscode.l10n.t('The listener is stopped.'));
    }
    if (this.filter.active && shown === 0) parts.push(vscode.l10n.t('No capture matches the filter "{0}".', this.filter.value));
    else if (address && this.store.size === 0) parts.push(vscode.l10n.t('Send one: {0}', curlExample(address.url)));
    return parts.join(' ');
  }
}
