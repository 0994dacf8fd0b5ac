import * as vscode from 'vscode';
import type { CaptureStore, ListenerAddress } from '../../core';
import { DisposableBase } from '../../core';
import { CommandIds } from '../commandIds';
import type { ListenerController } from '../listenerController';

/** Shows whether the listener runs, on which port, and how many captures there are. */
export class ListenerStatusBar extends DisposableBase implements vscode.Disposable {
  private readonly item = this._register(vscode.window.createStatusBarItem('webhookWorkbench.listener', vscode.StatusBarAlignment.Left, 50));

  constructor(
    private readonly controller: ListenerController,
    private readonly store: CaptureStore,
  ) {
    super();
    this.item.name = 'Webhook Listener';
    this.item.command = CommandIds.showListenerMenu;
    this._register(controller.onDidChangeState(() => this.update()));
    this._register(store.onDidAdd(() => this.update()));
    this._register(store.onDidRemove(() => this.update()));
    this._register(store.onDidClear(() => this.update()));
    this.update();
    this.item.show();
  }

  private update(): void {
    const address: ListenerAddress | undefined = this.controller.address;
    const count = this.store.size;
    if (address) {
      this.item.text = `$(radio-tower) :${address.port} · ${count}`;
      this.item.tooltip = new vscode.MarkdownString(`**Webhook listener** on \`${address.url}\`\n\n${count} capture(s). Click for actions.`);
      this.item.accessibilityInformation = { label: `Webhook listener on port ${address.port}, ${count} captures` };
    } else {
      this.item.text = `$(debug-disconnect) Webhooks · ${count}`;
      this.item.tooltip = new vscode.MarkdownString(`**Webhook listener** stopped\n\n${count} capture(s). Click for actions.`);
      this.item.accessibilityInformation = { label: `Webhook listener stopped, ${count} captures` };
    }
  }
}
