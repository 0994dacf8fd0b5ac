import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { CaptureStore, Logger } from '../../core';
import { DisposableBase } from '../../core';
import type { HostMessage, WebviewMessage } from '../../shared/protocol';
import { isWebviewMessage } from '../../shared/protocol';
import { CommandIds } from '../commandIds';
import type { SignatureService } from '../signatures/signatureService';
import { toSignatureSnapshot } from '../signatures/signaturePresentation';
import { showCaptureMessages, toForwardSnapshot } from './captureSnapshot';
import { payloadHtml } from './payloadHtml';
import { inBackground } from '../inBackground';

export const PAYLOAD_VIEW_TYPE = 'webhookWorkbench.payload';

export interface PayloadPanelDeps {
  extensionUri: vscode.Uri;
  store: CaptureStore;
  signatures: SignatureService;
  log: Logger;
  /** Every message the host posts, for whoever watches (tests, other parts). */
  onPost: (captureId: string, message: HostMessage) => void;
}

/** Options for a payload panel's webview: scripts on, resources only from the bundle and media/. */
export function payloadWebviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions & vscode.WebviewPanelOptions {
  return {
    enableScripts: true,
    retainContextWhenHidden: false,
    enableFindWidget: false,
    localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist', 'webview'), vscode.Uri.joinPath(extensionUri, 'media')],
  };
}

/** One payload view: shows one capture at a time, re-checks its badge when secrets change. */
export class PayloadPanel extends DisposableBase implements vscode.Disposable {
  private readonly _onDidDispose = new vscode.EventEmitter<void>();
  readonly onDidDispose = this._onDidDispose.event;
  /** The view's script has said `ready` at least once; before that, posts would be lost. */
  private ready = false;
  /** Bumped by every show(): a read that finishes after a later show() started is dropped. */
  private showing = 0;
  pinned = false;

  constructor(
    readonly panel: vscode.WebviewPanel,
    private id: string,
    private readonly deps: PayloadPanelDeps,
  ) {
    super();
    panel.webview.options = payloadWebviewOptions(deps.extensionUri);
    panel.iconPath = vscode.Uri.joinPath(deps.extensionUri, 'media', 'webhooks.svg');
    panel.webview.html = this.html();
    this._register(panel.webview.onDidReceiveMessage((message: unknown) => inBackground(deps.log, 'Handling a payload view message', this.receive(message))));
    this._register(panel.onDidDispose(() => this.dispose()));
    this._register(deps.signatures.onDidChange(() => inBackground(deps.log, 'Refreshing the signature badge', this.refreshSignature())));
    this._register(deps.store.onDidRemove(({ summaries }) => {
      if (summaries.some((s) => s.id === this.id)) this.dispose();
    }));
    this._register(deps.store.onDidClear(() => this.dispose()));
    // A forward result arrives just after the answer: only those facts change in the view.
    this._register(deps.store.onDidUpdate((summary) => {
      if (summary.id === this.id) inBackground(deps.log, 'Showing the forward result', this.updateForward(summary.id));
    }));
  }

  get captureId(): string {
    return this.id;
  }

  /**
   * Shows a capture in this panel. Of overlapping calls the last one wins, whatever order their reads
   * finish in: a slow read of capture A must not replace capture B, clicked after it.
   */
  async show(captureId: string): Promise<void> {
    this.id = captureId;
    const turn = ++this.showing;
    const current = () => turn === this.showing && !this.isDisposed;
    const capture = await this.deps.store.read(captureId);
    if (!current()) return;
    if (!capture) {
      this.dispose();
      return;
    }
    this.panel.title = `${this.pinned ? '📌 ' : ''}${capture.method} ${capture.url.split('?')[0]}`;
    const signature = (await this.deps.signatures.verdictFor(captureId, capture))!;
    const forward = capture.forward ? await this.deps.store.readForwardResult(captureId) : undefined;
    if (!current()) return;
    for (const message of showCaptureMessages(capture, signature, this.deps.store.duplicateOf(captureId), forward)) this.post(message);
  }

  override dispose(): void {
    if (this.isDisposed) return;
    super.dispose();
    this.panel.dispose();
    this._onDidDispose.fire();
    this._onDidDispose.dispose();
  }

  private async refreshSignature(): Promise<void> {
    const id = this.id;
    const signature = await this.deps.signatures.verdictFor(id);
    if (signature && !this.isDisposed && id === this.id) this.post({ type: 'updateSignature', captureId: id, signature: toSignatureSnapshot(signature) });
  }

  private async updateForward(id: string): Promise<void> {
    const summary = this.deps.store.get(id);
    if (!summary) return;
    const forward = summary.forward ? await this.deps.store.readForwardResult(id) : undefined;
    if (this.isDisposed || id !== this.id) return;
    const message: HostMessage = { type: 'updateForward', captureId: id, responseStatus: summary.responseStatus };
    if (forward) message.forward = toForwardSnapshot(forward);
    this.post(message);
  }

  /**
   * Posts to the view once its script listens. Whatever is posted before (or while the view is hidden
   * and VS Code has dropped its page) is not lost: the next `ready` gets the capture read afresh.
   */
  private post(message: HostMessage): void {
    if (!this.ready) return;
    void this.panel.webview.postMessage(message);
    this.deps.onPost(this.id, message);
  }

  private async receive(message: unknown): Promise<void> {
    if (!isWebviewMessage(message)) {
      this.deps.log.warn('The payload view sent a message it should not have; ignored.');
      return;
    }
    await this.handle(message);
  }

  private async handle(message: WebviewMessage): Promise<void> {
    switch (message.type) {
      case 'ready':
        // Every `ready`, not only the first: a view without retainContextWhenHidden is rebuilt each
        // time its tab is shown again, and starts empty but for the state it saved.
        this.ready = true;
        await this.show(this.id);
        return;
      case 'copy':
        await vscode.env.clipboard.writeText(message.text);
        void vscode.window.setStatusBarMessage(vscode.l10n.t('Copied {0}', message.what), 2500);
        return;
      case 'setSecret':
        await vscode.commands.executeCommand(CommandIds.setSigningSecret, { provider: message.provider, captureId: message.captureId });
        return;
      case 'openRaw':
        await vscode.commands.executeCommand(CommandIds.openCaptureRaw, message.captureId);
        return;
      case 'error':
        this.deps.log.error(`Payload view: ${message.message}`);
        return;
      default: {
        const unknown: never = message;
        this.deps.log.warn(`Unhandled payload view message ${JSON.stringify(unknown)}`);
      }
    }
  }

  private html(): string {
    const webview = this.panel.webview;
    const asset = (...segments: string[]) => webview.asWebviewUri(vscode.Uri.joinPath(this.deps.extensionUri, 'dist', 'webview', ...segments)).toString();
    return payloadHtml({
      cspSource: webview.cspSource,
      nonce: randomBytes(16).toString('base64'),
      scriptUri: asset('payloadView.js'),
      styleUri: webview.asWebviewUri(vscode.Uri.joinPath(this.deps.extensionUri, 'media', 'payloadView.css')).toString(),
      codiconUri: asset('codicon.css'),
      title: vscode.l10n.t('Webhook Payload'),
    });
  }
}
