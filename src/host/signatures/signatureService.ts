import * as vscode from 'vscode';
import type { Capture, CaptureStore, SignatureResult } from '../../core';
import { detectProvider, routeOf, toRawRequest, verifySignature } from '../../core';
import type { SignatureSettings } from './signatureSettings';
import { readSignatureSettings } from './signatureSettings';
import type { SigningSecrets } from './signingSecrets';

/**
 * Verifies captures with the secrets from SecretStorage and remembers the verdicts, which the tree
 * and the payload view show. Verdicts are recomputed when a secret or a signature setting changes.
 */
export class SignatureService implements vscode.Disposable {
  private readonly _onDidChange = new vscode.EventEmitter<void>();
  /** Fires when verdicts may have changed (a secret or a setting); listeners ask again. */
  readonly onDidChange = this._onDidChange.event;
  private readonly verdicts = new Map<string, Promise<SignatureResult>>();
  private readonly subscriptions: vscode.Disposable[] = [];
  private settings: SignatureSettings;
  /** The open tunnel's URL: what senders post to, so what URL-signing schemes signed. */
  private tunnelUrl: string | undefined;

  constructor(
    private readonly store: CaptureStore,
    private readonly secrets: SigningSecrets,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.settings = this.loadSettings();
    this.subscriptions.push(
      secrets.onDidChange(() => this.invalidate('a signing secret changed')),
      store.onDidRemove(({ summaries }) => summaries.forEach((s) => this.verdicts.delete(s.id))),
      store.onDidClear(() => this.verdicts.clear()),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('webhookWorkbench.signatures') || e.affectsConfiguration('webhookWorkbench.publicBaseUrl')) {
          this.settings = this.loadSettings();
          this.invalidate('signature settings changed');
        }
      }),
    );
  }

  setTunnelUrl(url: string | undefined): void {
    if (url === this.tunnelUrl) return;
    this.tunnelUrl = url?.replace(/\/+$/, '');
    this.invalidate('the public tunnel URL changed');
  }

  get customProviders(): SignatureSettings['customProviders'] {
    return this.settings.customProviders;
  }

  /** The provider of a capture, custom providers from settings included. */
  providerOf(capture: Capture): string | undefined {
    return this.settings.customProviders.length ? detectProvider(toRawRequest(capture), this.settings.customProviders) : capture.provider;
  }

  /** The verdict for a stored capture (pass it when it is already read); undefined when it is gone. */
  async verdictFor(id: string, alreadyRead?: Capture): Promise<SignatureResult | undefined> {
    let verdict = this.verdicts.get(id);
    if (!verdict) {
      const capture = alreadyRead ?? (await this.store.read(id));
      if (!capture) return undefined;
      verdict = this.verify(capture);
      this.verdicts.set(id, verdict);
    }
    return verdict;
  }

  async verify(capture: Capture): Promise<SignatureResult> {
    const provider = this.providerOf(capture);
    const secret = provider ? await this.secrets.lookup(provider, routeOf(capture.url)) : undefined;
    return verifySignature(toRawRequest(capture), secret, {
      provider,
      now: capture.receivedAt,
      toleranceSeconds: this.settings.toleranceSeconds,
      publicUrl: this.publicBaseUrl ? this.publicBaseUrl + capture.url : undefined,
      customProviders: this.settings.customProviders,
    });
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    this._onDidChange.dispose();
  }

  /** The setting wins: it names the URL the user registered with the sender, tunnel or not. */
  private get publicBaseUrl(): string | undefined {
    return this.settings.publicBaseUrl ?? this.tunnelUrl;
  }

  private invalidate(reason: string): void {
    this.verdicts.clear();
    this.log.debug(`Re-checking signatures: ${reason}.`);
    this._onDidChange.fire();
  }

  private loadSettings(): SignatureSettings {
    const settings = readSignatureSettings();
    for (const problem of settings.problems) {
      this.log.warn(problem);
      void vscode.window.showWarningMessage(vscode.l10n.t('Ignoring a custom signature provider: {0}', problem));
    }
    return settings;
  }
}
