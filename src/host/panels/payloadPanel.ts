import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { CaptureStore } from '../../core';
import type { HostMessage, WebviewMessage } from '../../shared/protocol';
import { isWebviewMessage } from '../../shared/protocol';
import { CommandIds } from '../commandIds';
import type { SignatureService } from '../signatures/signatureService';
import { toSignatureView } from '../signatures/signaturePresentation';
import { toCaptureView } from './captureView';
import { payloadHtml } from './payloadHtml';

export const PAYLOAD_VIEW_TYPE = 'webhookWorkbench.payload';

export interface PayloadPanelDeps {
  extensionUri: vscode.Uri;
  store: CaptureStore;
  signatures: SignatureService;
  log: vscode.LogOutputChannel;
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
export class PayloadPanel implements vscode.Disposable {
  private readonly _onDidDispose = new vscode.EventEmitter<void>();
  readonly onDidDispose = this._onDidDispose.event;
  private readonly subscriptions: vscode.Disposable[] = [];
  private ready = false;
  private queued: HostMessage[] = [];
  private disposed = false;
  pinned = false;

  constructor(
    readonly panel: vscode.WebviewPanel,
    private id: string,
    private readonly deps: PayloadPanelDeps,
  ) {
    panel.webview.options = payloadWebviewOptions(deps.extensionUri);
    panel.iconPath = vscode.Uri.joinPath(deps.extensionUri, 'media', 'webhooks.svg');
    panel.webview.html = this.html();
    this.subscriptions.push(
      panel.webview.onDidReceiveMessage((message: unknown) => void this.receive(message)),
      panel.onDidDispose(() => this.dispose()),
      deps.signatures.onDidChange(() => void this.refreshSignature()),
      deps.store.onDidRemove(({ summaries }) => {
        if (summaries.some((s) => s.id === this.id)) this.dispose();
      }),
      deps.store.onDidClear(() => this.dispose()),
      // A forward result arrives just after the answer: show it when it lands.
      deps.store.onDidUpdate((summary) => {
        if (summary.id === this.id) void this.show(this.id);
      }),
    );
  }

  get captureId(): string {
    return this.id;
  }

  /** Shows another capture in this panel. */
  async show(captureId: string): Promise<void> {
    this.id = captureId;
    const capture = await this.deps.store.read(captureId);
    if (!capture) {
      this.dispose();
      return;
    }
    this.panel.title = `${capture.method} ${capture.url.split('?')[0]}`;
    const signature = (await this.deps.signatures.verdictFor(captureId, capture))!;
    const forward = capture.forward ? await this.deps.store.readForwardResult(captureId) : undefined;
    this.post({ type: 'showCapture', capture: toCaptureView(capture, signature, this.deps.store.duplicateOf(captureId), forward) });
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const s of this.subscriptions) s.dispose();
    this.panel.dispose();
    this._onDidDispose.fire();
    this._onDidDispose.dispose();
  }

  private async refreshSignature(): Promise<void> {
    const signature = await this.deps.signatures.verdictFor(this.id);
    if (signature && !this.disposed) this.post({ type: 'updateSignature', captureId: this.id, signature: toSignatureView(signature) });
  }

  /** Messages wait until the view says it is ready, so none is lost while its script loads. */
  private post(message: HostMessage): void {
    if (!this.ready) {
      this.queued = this.queued.filter((m) => m.type !== message.type);
      this.queued.push(message);
      return;
    }
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
      case 'ready': {
        this.ready = true;
        const queued = this.queued;
        this.queued = [];
        for (const m of queued) this.post(m);
        return;
      }
      case 'copy':
        await vscode.env.clipboard.writeText(message.text);
        void vscode.window.setStatusBarMessage(`Copied ${message.what}`, 2500);
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
      title: 'Webhook Payload',
    });
  }
}
