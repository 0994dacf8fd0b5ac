import * as vscode from 'vscode';
import type { TunnelState } from '../../core';
import { BYPASS_TUNNEL_REMINDER_HEADER, DisposableBase } from '../../core';
import { CommandIds } from '../commandIds';
import type { TunnelController } from './tunnelController';

/** The public URL (or what the tunnel is doing) next to the listener's status. */
export class TunnelStatusBar extends DisposableBase implements vscode.Disposable {
  private readonly item = this._register(vscode.window.createStatusBarItem('webhookWorkbench.tunnel', vscode.StatusBarAlignment.Left, 49));

  constructor(tunnel: TunnelController) {
    super();
    this.item.name = vscode.l10n.t('Webhook Tunnel');
    this._register(tunnel.onDidChangeState((state) => this.update(state)));
    this.update(tunnel.state);
  }

  private update(state: TunnelState): void {
    switch (state.kind) {
      case 'open':
        this.item.text = `$(globe) ${new URL(state.url).host}`;
        this.item.tooltip = new vscode.MarkdownString(
          vscode.l10n.t('**Public URL** `{0}`\n\nClick to copy. Browsers see loca.lt\'s reminder page first; webhook senders do not (`{1}` skips it).', state.url, BYPASS_TUNNEL_REMINDER_HEADER),
        );
        this.item.command = CommandIds.copyTunnelUrl;
        this.item.backgroundColor = undefined;
        this.item.show();
        return;
      case 'connecting':
        this.item.text = vscode.l10n.t('$(sync~spin) Tunnel');
        this.item.tooltip = vscode.l10n.t('Opening the public tunnel…');
        this.item.command = CommandIds.stopTunnel;
        this.item.show();
        return;
      case 'reconnecting':
        this.item.text = vscode.l10n.t('$(sync~spin) Tunnel (retry {0})', state.attempt);
        this.item.tooltip = vscode.l10n.t('Reconnecting the public tunnel: {0}. Click to stop.', state.reason);
        this.item.command = CommandIds.stopTunnel;
        this.item.backgroundColor = new vscode.ThemeColor('statusBarItem.warningBackground');
        this.item.show();
        return;
      case 'failed':
        this.item.text = vscode.l10n.t('$(error) Tunnel');
        this.item.tooltip = vscode.l10n.t('The public tunnel failed: {0}. Click to retry.', state.reason);
        this.item.command = CommandIds.startTunnel;
        this.item.backgroundColor = new vscode.ThemeColor('statusBarItem.errorBackground');
        this.item.show();
        return;
      case 'closed':
        this.item.hide();
        return;
    }
  }
}
