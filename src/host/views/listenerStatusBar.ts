import * as vscode from 'vscode';
import type { CaptureStore, ListenerAddress } from '../../core';
import { DisposableBase } from '../../core';
import { CommandIds } from '../commandIds';
import type { ListenerController } from '../listenerController';
import { RefreshThrottle } from './refreshThrottle';

/** During a burst the count changes hundreds of times a second: it is shown at most this often. */
const COUNT_INTERVAL_MS = 250;

/**
 * Shows whether the listener runs, on which port, and how many captures there are — only while the
 * listener runs or captures exist, so a window that does not use webhooks has nothing in its status bar.
 */
export class ListenerStatusBar extends DisposableBase implements vscode.Disposable {
  private readonly item = this._register(vscode.window.createStatusBarItem('webhookWorkbench.listener', vscode.StatusBarAlignment.Left, 50));
  private readonly countThrottle = this._register(new RefreshThrottle(COUNT_INTERVAL_MS, () => this.update()));
  /** The listener's URL the tooltip was built for ('' when stopped). */
  private tooltipFor: string | undefined;
  private shown = false;

  constructor(
    private readonly controller: ListenerController,
    private readonly store: CaptureStore,
  ) {
    super();
    this.item.name = vscode.l10n.t('Webhook Listener');
    this.item.command = CommandIds.showListenerMenu;
    const countChanged = () => this.countThrottle.request();
    this._register(controller.onDidChangeState(() => this.update()));
    this._register(store.onDidAdd(countChanged));
    this._register(store.onDidRemove(countChanged));
    this._register(store.onDidClear(countChanged));
    this.update();
  }

  private update(): void {
    const address: ListenerAddress | undefined = this.controller.address;
    const count = this.store.size;
    const visible = address !== undefined || count > 0;
    if (visible !== this.shown) {
      this.shown = visible;
      if (visible) this.item.show();
      else this.item.hide();
    }
    if (!visible) return;
    const text = address ? `$(radio-tower) :${address.port} · ${count}` : vscode.l10n.t('$(debug-disconnect) Webhooks · {0}', count);
    // Each property set is a message to the window: only what changed is set.
    if (text === this.item.text) return;
    this.item.text = text;
    this.item.accessibilityInformation = {
      label: address ? vscode.l10n.t('Webhook listener on port {0}, {1} captures', address.port, count) : vscode.l10n.t('Webhook listener stopped, {0} captures', count),
    };
    const url = address?.url ?? '';
    if (url !== this.tooltipFor) {
      this.tooltipFor = url;
      this.item.tooltip = new vscode.MarkdownString(
        address ? vscode.l10n.t('**Webhook listener** on `{0}`\n\nClick for actions.', address.url) : vscode.l10n.t('**Webhook listener** stopped\n\nClick for actions.'),
      );
    }
  }
}
