import * as vscode from 'vscode';
import type { Capture, CaptureStore, Logger, SignatureResult } from '../../core';
import { detectProvider, DisposableBase, routeOf, toRawRequest, verifySignature } from '../../core';
import type { SignatureSettings } from './signatureSettings';
import { readSignatureSettings, SIGNATURE_SETTINGS } from './signatureSettings';
import { affectsSettings } from '../settings/readSetting';
import type { SigningSecrets } from './signingSecrets';

/**
 * Verifies captures with the secrets from SecretStorage and remembers the verdicts, which the tree
 * and the payload view show. Verdicts are recomputed when a secret or a signature setting changes.
 */
export class SignatureService extends DisposableBase implements vscode.Disposable {
  private readonly _onDidChange = this._register(new vscode.EventEmitter<void>());
  /** Fires when verdicts may have changed (a secret or a setting); listeners ask again. */
  readonly onDidChange = this._onDidChange.event;
  private readonly verdicts = new Map<string, Promise<SignatureResult>>();
  private settings: SignatureSettings;
  /** The open tunnel's URL: what senders post to, so what URL-signing schemes signed. */
  private tunnelUrl: string | undefined;

  constructor(
    private readonly store: CaptureStore,
    private readonly secrets: SigningSecrets,
    private readonly log: Logger,
  ) {
    super();
    this.settings = this.loadSettings();
    this._register(secrets.onDidChange(() => this.invalidate('a signing secret changed')));
    this._register(store.onDidRemove(({ summaries }) => summaries.forEach((s) => this.verdicts.delete(s.id))));
    this._register(store.onDidClear(() => this.verdicts.clear()));
    this._register(vscode.workspace.onDidChangeConfiguration((e) => {
      if (affectsSettings(e, SIGNATURE_SETTINGS)) {
        this.settings = this.loadSettings();
        this.invalidate('signature settings changed');
      }
    }));
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
      void vscode.window.showWarningMessage(`Ignoring a custom signature provider: ${problem}`);
    }
    return settings;
  }
}
