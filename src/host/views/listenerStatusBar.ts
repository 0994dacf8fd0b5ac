import * as vscode from 'vscode';
import type { CaptureStore, ListenerAddress } from '../../core';
import { DisposableBase } from '../../core';
import { CommandIds } from '../commandIds';
import type { ListenerController } from '../listenerController';
import { RefreshThrottle } from './refreshThrottle';

/** During a burst the count changes hundreds of times a second: it is shown at most this often. */
const COUNT_INTERVAL_MS = 250;

/** Shows whether the listener runs, on which port, and how many captures there are. */
export class ListenerStatusBar extends DisposableBase implements vscode.Disposable {
  private readonly item = this._register(vscode.window.createStatusBarItem('webhookWorkbench.listener', vscode.StatusBarAlignment.Left, 50));
  private readonly countThrottle = this._register(new RefreshThrottle(COUNT_INTERVAL_MS, () => this.update()));
  /** The listener's URL the tooltip was built for ('' when stopped). */
  private tooltipFor: string | undefined;

  constructor(
    private readonly controller: ListenerController,
    private readonly store: CaptureStore,
  ) {
    super();
    this.item.name = 'Webhook Listener';
    this.item.command = CommandIds.showListenerMenu;
    const countChanged = () => this.countThrottle.request();
    this._register(controller.onDidChangeState(() => this.update()));
    this._register(store.onDidAdd(countChanged));
    this._register(store.onDidRemove(countChanged));
    this._register(store.onDidClear(countChanged));
    this.update();
    this.item.show();
  }

  private update(): void {
    const address: ListenerAddress | undefined = this.controller.address;
    const count = this.store.size;
    const text = address ? `$(radio-tower) :${address.port} · ${count}` : `$(debug-disconnect) Webhooks · ${count}`;
    // Each property set is a message to the window: only what changed is set.
    if (text === this.item.text) return;
    this.item.text = text;
    this.item.accessibilityInformation = { label: address ? `Webhook listener on port ${address.port}, ${count} captures` : `Webhook listener stopped, ${count} captures` };
    const url = address?.url ?? '';
    if (url !== this.tooltipFor) {
      this.tooltipFor = url;
      this.item.tooltip = new vscode.MarkdownString(address ? `**Webhook listener** on \`${address.url}\`\n\nClick for actions.` : '**Webhook listener** stopped\n\nClick for actions.');
    }
  }
}
