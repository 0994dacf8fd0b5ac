import * as vscode from 'vscode';
import type { Capture, CaptureStore, CaptureSummary, IncomingDelivery, Logger, SignatureResult } from '../../core';
import { detectProvider, DisposableBase, headerMap, routeOf, toRawRequest, verifySignature } from '../../core';
import { affectsSettings } from '../settings/readSetting';
import type { SignatureSettings } from './signatureSettings';
import { readSignatureSettings, SIGNATURE_SETTINGS } from './signatureSettings';
import type { SigningSecrets } from './signingSecrets';
import { UNKNOWN } from './signingSecrets';

/** What verifying a capture needs: the request as it arrived, when, and the provider it was labelled with. */
type Verifiable = Pick<Capture, 'method' | 'url' | 'headers' | 'body' | 'receivedAt' | 'provider'>;

/**
 * Verifies captures with the secrets from SecretStorage and remembers the verdicts, which the tree
 * and the payload view show. A delivery the listener receives is verified right after it is stored,
 * from the body still in memory; any other capture (imported, or after a change below) is read back
 * and verified when first asked for. Verdicts are recomputed when a secret or a signature setting
 * changes, and forgotten with their captures.
 */
export class SignatureService extends DisposableBase implements vscode.Disposable {
  private readonly _onDidChange = this._register(new vscode.EventEmitter<void>());
  /** Fires when verdicts may have changed (a secret or a setting); listeners ask again. */
  readonly onDidChange = this._onDidChange.event;
  private readonly verdicts = new Map<string, SignatureResult | Promise<SignatureResult | undefined>>();
  /** Bumped by every invalidation: a verdict computed across one is not kept. */
  private generation = 0;
  /** Deliveries just stored, verified together once the batch they came in has been answered. */
  private received: Array<{ delivery: IncomingDelivery; summary: CaptureSummary }> = [];
  private receivedTimer: NodeJS.Immediate | undefined;
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
    this._register(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (affectsSettings(e, SIGNATURE_SETTINGS)) {
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

  /** How many verdicts are kept: at most one per kept capture. */
  get size(): number {
    return this.verdicts.size;
  }

  get customProviders(): SignatureSettings['customProviders'] {
    return this.settings.customProviders;
  }

  /** The provider of a capture, custom providers from settings included. */
  providerOf(capture: Verifiable): string | undefined {
    return this.settings.customProviders.length ? detectProvider(toRawRequest(capture), this.settings.customProviders) : capture.provider;
  }

  /**
   * For the listener (its onCaptured hook): a delivery just stored, its body still in memory. Only
   * queued here, on the request path; verified once the batch it came in has been answered.
   */
  readonly noteCaptured = (delivery: IncomingDelivery, summary: CaptureSummary): void => {
    this.received.push({ delivery, summary });
    this.receivedTimer ??= setImmediate(() => this.verifyReceived());
  };

  /** The verdict for a stored capture (pass it when it is already read); undefined when it is gone. */
  async verdictFor(id: string, alreadyRead?: Capture): Promise<SignatureResult | undefined> {
    if (this.received.length) this.verifyReceived();
    const known = this.verdicts.get(id);
    if (known) return known;
    const generation = this.generation;
    const verdict = (alreadyRead ? Promise.resolve(alreadyRead) : this.store.read(id)).then((capture) => (capture ? this.verify(capture) : undefined));
    this.verdicts.set(id, verdict);
    const result = await verdict.catch((error: unknown) => {
      this.verdicts.delete(id);
      throw error;
    });
    if (this.verdicts.get(id) === verdict) {
      if (result && generation === this.generation && this.store.get(id)) this.verdicts.set(id, result);
      else this.verdicts.delete(id);
    }
    return result;
  }

  /** Checks a capture's signature with the secret for its provider and route, and the current settings. */
  verify(capture: Verifiable): SignatureResult | Promise<SignatureResult> {
    const provider = this.providerOf(capture);
    if (!provider) return this.verifyWith(capture, undefined, undefined);
    const route = routeOf(capture.url);
    const cached = this.secrets.lookupCached(provider, route);
    if (cached !== UNKNOWN) return this.verifyWith(capture, provider, cached);
    return this.secrets.lookup(provider, route).then((secret) => this.verifyWith(capture, provider, secret));
  }

  override dispose(): void {
    if (this.receivedTimer) clearImmediate(this.receivedTimer);
    this.received = [];
    super.dispose();
  }

  /** The setting wins: it names the URL the user registered with the sender, tunnel or not. */
  private get publicBaseUrl(): string | undefined {
    return this.settings.publicBaseUrl ?? this.tunnelUrl;
  }

  private verifyWith(capture: Verifiable, provider: string | undefined, secret: string | undefined): SignatureResult {
    return verifySignature(toRawRequest(capture), secret, {
      provider,
      now: capture.receivedAt,
      toleranceSeconds: this.settings.toleranceSeconds,
      publicUrl: this.publicBaseUrl ? this.publicBaseUrl + capture.url : undefined,
      customProviders: this.settings.customProviders,
    });
  }

  /** Verdicts of the deliveries just received, from their bodies in memory (no disk read). */
  private verifyReceived(): void {
    if (this.receivedTimer) clearImmediate(this.receivedTimer);
    this.receivedTimer = undefined;
    const batch = this.received;
    this.received = [];
    for (const { delivery, summary } of batch) {
      // Gone already (evicted, deleted), or asked for and read back meanwhile.
      if (this.verdicts.has(summary.id) || this.store.get(summary.id) === undefined) continue;
      const capture: Verifiable = {
        method: delivery.method,
        url: delivery.url,
        headers: headerMap(delivery.rawHeaders),
        body: delivery.body,
        receivedAt: delivery.receivedAt,
        provider: delivery.provider,
      };
      const verdict = this.verify(capture);
      if (!(verdict instanceof Promise)) {
        this.verdicts.set(summary.id, verdict);
        continue;
      }
      // The secret has to be read first (once per provider and route; later deliveries find it in memory).
      const generation = this.generation;
      const settled = verdict.then((result) => {
        if (this.verdicts.get(summary.id) === settled) {
          if (generation === this.generation && this.store.get(summary.id)) this.verdicts.set(summary.id, result);
          else this.verdicts.delete(summary.id);
        }
        return result;
      });
      this.verdicts.set(summary.id, settled);
    }
  }

  private invalidate(reason: string): void {
    this.verdicts.clear();
    this.generation += 1;
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
