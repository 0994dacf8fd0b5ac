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
    this.item.name = 'Webhook Tunnel';
    this._register(tunnel.onDidChangeState((state) => this.update(state)));
    this.update(tunnel.state);
  }

  private update(state: TunnelState): void {
    switch (state.kind) {
      case 'open':
        this.item.text = `$(globe) ${new URL(state.url).host}`;
        this.item.tooltip = new vscode.MarkdownString(
          `**Public URL** \`${state.url}\`\n\nClick to copy. Browsers see loca.lt's reminder page first; webhook senders do not (\`${BYPASS_TUNNEL_REMINDER_HEADER}\` skips it).`,
        );
        this.item.command = CommandIds.copyTunnelUrl;
        this.item.backgroundColor = undefined;
        this.item.show();
        return;
      case 'connecting':
        this.item.text = '$(sync~spin) Tunnel';
        this.item.tooltip = 'Opening the public tunnel…';
        this.item.command = CommandIds.stopTunnel;
        this.item.show();
        return;
      case 'reconnecting':
        this.item.text = `$(sync~spin) Tunnel (retry ${state.attempt})`;
        this.item.tooltip = `Reconnecting the public tunnel: ${state.reason}. Click to stop.`;
        this.item.command = CommandIds.stopTunnel;
        this.item.backgroundColor = new vscode.ThemeColor('statusBarItem.warningBackground');
        this.item.show();
        return;
      case 'failed':
        this.item.text = '$(error) Tunnel';
        this.item.tooltip = `The public tunnel failed: ${state.reason}. Click to retry.`;
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
