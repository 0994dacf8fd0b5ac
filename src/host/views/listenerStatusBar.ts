import * as vscode from 'vscode';
import type { CaptureStore, ListenerAddress } from '../../core';
import { CommandIds } from '../commandIds';
import type { ListenerController } from '../listenerController';

/**
 * Shows whether the listener runs, on which port, and how many captures there are — only while the
 * listener runs or captures exist, so a window that does not use webhooks has nothing in its status bar.
 */
export class ListenerStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('webhookWorkbench.listener', vscode.StatusBarAlignment.Left, 50);
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(
    private readonly controller: ListenerController,
    private readonly store: CaptureStore,
  ) {
    this.item.name = vscode.l10n.t('Webhook Listener');
    this.item.command = CommandIds.showListenerMenu;
    this.subscriptions.push(
      controller.onDidChangeState(() => this.update()),
      store.onDidAdd(() => this.update()),
      store.onDidRemove(() => this.update()),
      store.onDidClear(() => this.update()),
    );
    this.update();
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    this.item.dispose();
  }

  private update(): void {
    const address: ListenerAddress | undefined = this.controller.address;
    const count = this.store.size;
    if (!address && count === 0) {
      this.item.hide();
      return;
    }
    if (address) {
      this.item.text = `$(radio-tower) :${address.port} · ${count}`;
      this.item.tooltip = new vscode.MarkdownString(vscode.l10n.t('**Webhook listener** on `{0}`\n\n{1} capture(s). Click for actions.', address.url, count));
      this.item.accessibilityInformation = { label: vscode.l10n.t('Webhook listener on port {0}, {1} captures', address.port, count) };
    } else {
      this.item.text = vscode.l10n.t('$(debug-disconnect) Webhooks · {0}', count);
      this.item.tooltip = new vscode.MarkdownString(vscode.l10n.t('**Webhook listener** stopped\n\n{0} capture(s). Click for actions.', count));
      this.item.accessibilityInformation = { label: vscode.l10n.t('Webhook listener stopped, {0} captures', count) };
    }
    this.item.show();
  }
}
