import * as vscode from 'vscode';
import type { CaptureStore, Logger } from '../../core';
import type { HostMessage } from '../../shared/protocol';
import { savedCaptureId } from '../../shared/protocol';
import type { SignatureService } from '../signatures/signatureService';
import { PAYLOAD_VIEW_TYPE, PayloadPanel, payloadWebviewOptions } from './payloadPanel';

export interface PostedMessage {
  captureId: string;
  message: HostMessage;
}

/**
 * Opens captures in payload views. One view is reused for each new capture unless the user pinned
 * it; views come back after a window reload through the serializer, or close if their capture is gone.
 */
export class PayloadPanels implements vscode.WebviewPanelSerializer, vscode.Disposable {
  private readonly _onDidPost = new vscode.EventEmitter<PostedMessage>();
  readonly onDidPost = this._onDidPost.event;
  private readonly panels = new Set<PayloadPanel>();

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly store: CaptureStore,
    private readonly signatures: SignatureService,
    private readonly log: Logger,
  ) {}

  /**
   * Shows a capture in the reusable view. By default focus stays where it was (the tree, so arrow
   * keys keep walking it); `takeFocus` moves it into the view.
   */
  async show(captureId: string, options: { takeFocus?: boolean } = {}): Promise<PayloadPanel> {
    const preserveFocus = !options.takeFocus;
    let panel = [...this.panels].find((p) => !p.pinned);
    if (!panel) {
      const webviewPanel = vscode.window.createWebviewPanel(
        PAYLOAD_VIEW_TYPE,
        vscode.l10n.t('Webhook Payload'),
        { viewColumn: vscode.ViewColumn.Active, preserveFocus },
        payloadWebviewOptions(this.extensionUri),
      );
      panel = this.adopt(webviewPanel, captureId);
    } else {
      panel.panel.reveal(undefined, preserveFocus);
    }
    await panel.show(captureId);
    return panel;
  }

  /** Keeps the active payload view on its capture; the next capture opens in a new view. */
  pinActive(): boolean {
    const active = [...this.panels].find((p) => p.panel.active) ?? [...this.panels].find((p) => !p.pinned);
    if (!active) return false;
    active.pinned = true;
    active.panel.title = `📌 ${active.panel.title}`;
    return true;
  }

  get openPanels(): readonly PayloadPanel[] {
    return [...this.panels];
  }

  async deserializeWebviewPanel(webviewPanel: vscode.WebviewPanel, state: unknown): Promise<void> {
    const captureId = savedCaptureId(state);
    if (!captureId || !this.store.get(captureId)) {
      this.log.info('Closed a restored payload view whose capture no longer exists.');
      webviewPanel.dispose();
      return;
    }
    await this.adopt(webviewPanel, captureId).show(captureId);
  }

  dispose(): void {
    for (const panel of [...this.panels]) panel.dispose();
    this._onDidPost.dispose();
  }

  private adopt(webviewPanel: vscode.WebviewPanel, captureId: string): PayloadPanel {
    const panel = new PayloadPanel(webviewPanel, captureId, {
      extensionUri: this.extensionUri,
      store: this.store,
      signatures: this.signatures,
      log: this.log,
      onPost: (id, message) => this._onDidPost.fire({ captureId: id, message }),
    });
    this.panels.add(panel);
    panel.onDidDispose(() => this.panels.delete(panel));
    return panel;
  }
}
