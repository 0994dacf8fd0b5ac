import * as vscode from 'vscode';
import type { Logger, TunnelState } from '../../core';
import { BYPASS_TUNNEL_REMINDER_HEADER, DisposableBase, PublicTunnel } from '../../core';
import { CommandIds, ContextKeys } from '../commandIds';
import type { ListenerController } from '../listenerController';
import { readTunnelSettings } from './tunnelSettings';
import { inBackground } from '../inBackground';

/** Runs the public tunnel in front of the listener and tells the user what it is doing. */
export class TunnelController extends DisposableBase implements vscode.Disposable {
  private readonly _onDidChangeState = this._register(new vscode.EventEmitter<TunnelState>());
  readonly onDidChangeState = this._onDidChangeState.event;
  private tunnel: PublicTunnel | undefined;
  private tunnelPort: number | undefined;
  /** The current tunnel's state subscription, released with that tunnel. */
  private tunnelSubscription: vscode.Disposable | undefined;

  constructor(
    private readonly listener: ListenerController,
    private readonly log: Logger,
  ) {
    super();
    this.setContext({ kind: 'closed' });
    // The tunnel points at a port: when the listener moves or stops, the tunnel follows.
    this._register(
      listener.onDidChangeState((address) => {
        if (!this.tunnel) return;
        if (!address) inBackground(this.log, 'Stopping the tunnel with the listener', this.stop());
        else if (address.port !== this.tunnelPort) inBackground(this.log, 'Moving the tunnel to the new port', this.restart());
      }),
    );
  }

  get state(): TunnelState {
    return this.tunnel?.state ?? { kind: 'closed' };
  }

  get url(): string | undefined {
    return this.tunnel?.url;
  }

  /** Starts the listener if needed, then the tunnel; resolves with the public URL. */
  async start(): Promise<string | undefined> {
    if (this.tunnel?.url) return this.tunnel.url;
    const address = this.listener.address ?? (await this.listener.start());
    if (!address) return undefined;
    const settings = readTunnelSettings();
    const tunnel = new PublicTunnel({ localPort: address.port, localHost: address.host === '0.0.0.0' ? '127.0.0.1' : address.host, host: settings.host, subdomain: settings.subdomain, logger: this.log });
    this.releaseTunnel()?.dispose();
    this.tunnel = tunnel;
    this.tunnelPort = address.port;
    this.tunnelSubscription = tunnel.onDidChangeState((state) => this.onState(tunnel, state));
    return vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Opening a public tunnel through {0}…', settings.host), cancellable: true },
      async (_progress, token) => {
        const cancellation = token.onCancellationRequested(() => inBackground(this.log, 'Stopping the tunnel', this.stop()));
        try {
          const url = await tunnel.start();
          void vscode.window
            .showInformationMessage(
              vscode.l10n.t('Public URL: {0} → {1}. Senders post there; browsers first see loca.lt\'s reminder page (server-to-server senders do not; the {2} header skips it).', url, address.url, BYPASS_TUNNEL_REMINDER_HEADER),
              vscode.l10n.t('Copy URL'),
            )
            .then((choice) => choice && vscode.commands.executeCommand(CommandIds.copyTunnelUrl));
          return url;
        } catch (error) {
          if (this.tunnel !== tunnel) return undefined; // stopped or replaced while connecting
          throw new Error(vscode.l10n.t('The public tunnel did not open: {0}', error instanceof Error ? error.message : String(error)), { cause: error });
        } finally {
          cancellation.dispose();
        }
      },
    );
  }

  async stop(): Promise<void> {
    const tunnel = this.releaseTunnel();
    if (!tunnel) return;
    await tunnel.stop();
    tunnel.dispose();
    this.publish({ kind: 'closed' });
  }

  override dispose(): void {
    inBackground(this.log, 'Stopping the tunnel', this.stop());
    super.dispose();
  }

  /** Forgets the current tunnel and its subscription; returns it for the caller to close. */
  private releaseTunnel(): PublicTunnel | undefined {
    const tunnel = this.tunnel;
    this.tunnelSubscription?.dispose();
    this.tunnelSubscription = undefined;
    this.tunnel = undefined;
    this.tunnelPort = undefined;
    return tunnel;
  }

  private async restart(): Promise<void> {
    this.log.info('The listener moved to another port; reopening the public tunnel.');
    await this.stop();
    await this.start().catch((error: Error) => this.log.error(error.message));
  }

  private onState(tunnel: PublicTunnel, state: TunnelState): void {
    if (tunnel !== this.tunnel) return;
    this.publish(state);
    if (state.kind === 'open' && state.previousUrl) {
      void vscode.window.showWarningMessage(vscode.l10n.t('The tunnel reconnected on a new public URL: {0}. Update your webhook senders.', state.url), vscode.l10n.t('Copy URL')).then(
        (choice) => choice && vscode.commands.executeCommand(CommandIds.copyTunnelUrl),
      );
    } else if (state.kind === 'failed') {
      void vscode.window.showErrorMessage(vscode.l10n.t('The public tunnel stopped: {0}', state.reason), vscode.l10n.t('Retry'), vscode.l10n.t('Show Log')).then((choice) => {
        if (choice === vscode.l10n.t('Retry')) void vscode.commands.executeCommand(CommandIds.startTunnel);
        if (choice === vscode.l10n.t('Show Log')) void vscode.commands.executeCommand(CommandIds.showLog);
      });
    }
  }

  private publish(state: TunnelState): void {
    this.setContext(state);
    this._onDidChangeState.fire(state);
  }

  private setContext(state: TunnelState): void {
    void vscode.commands.executeCommand('setContext', ContextKeys.tunnelActive, state.kind !== 'closed' && state.kind !== 'failed');
    void vscode.commands.executeCommand('setContext', ContextKeys.tunnelOpen, state.kind === 'open');
  }
}
