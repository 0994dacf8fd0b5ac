import * as vscode from 'vscode';
import type { CaptureStore, CaptureSummary, ForwardResult, IncomingDelivery, Logger, ResponseSpec } from '../../core';
import { DisposableBase, forwardCapture } from '../../core';
import { ContextKeys } from '../commandIds';
import type { ForwardSettings } from './forwardSettings';
import { FORWARD_SETTINGS, readForwardSettings } from './forwardSettings';
import { affectsSettings } from '../settings/readSetting';
import { inBackground } from '../inBackground';

/** Headers of the target's answer that must not be copied onto ours. */
const NOT_RELAYED = new Set(['connection', 'keep-alive', 'transfer-encoding', 'content-length', 'upgrade', 'proxy-connection', 'trailer', 'te']);

/**
 * Relays every capture to the user's own app, after the sender is answered — or, when asked, before,
 * answering the sender with the app's response. Each result is attached to its capture.
 */
export class ForwardingController extends DisposableBase implements vscode.Disposable {
  private settings: ForwardSettings = readForwardSettings();
  private suspended = 0;
  /** Targets already reported as down, so a burst of failures shows one message. */
  private readonly reportedDown = new Set<string>();

  constructor(
    private readonly store: CaptureStore,
    private readonly log: Logger,
  ) {
    super();
    this.updateContext();
    this._register(store.onDidAdd((summary) => inBackground(log, `Forwarding ${summary.id}`, this.onCapture(summary))));
    this._register(vscode.workspace.onDidChangeConfiguration((e) => {
      if (!affectsSettings(e, FORWARD_SETTINGS)) return;
      this.settings = readForwardSettings();
      this.reportedDown.clear();
      this.updateContext();
    }));
  }

  get target(): string | undefined {
    return this.settings.target;
  }

  get pathMode(): ForwardSettings['pathMode'] {
    return this.settings.pathMode;
  }

  /** For the receiver: decides the answer from the target when "answer with the target's response" is on. */
  readonly responder = async (delivery: IncomingDelivery, summary: CaptureSummary): Promise<ResponseSpec | undefined> => {
    const { target, answerWithTargetResponse, pathMode } = this.settings;
    if (!target || !answerWithTargetResponse || summary.handshake) return undefined;
    const result = await forwardCapture(delivery, { url: target, pathMode });
    await this.record(summary.id, result);
    if (!result.ok) {
      return { status: 502, headers: { 'content-type': 'text/plain' }, body: `Webhook Workbench could not reach ${result.target}: ${result.error}\n`, delayMs: 0 };
    }
    const headers: Record<string, string> = {};
    for (const [name, value] of result.headers) if (!NOT_RELAYED.has(name.toLowerCase())) headers[name] = value;
    return { status: result.status, headers, body: result.bodyExcerpt, delayMs: 0 };
  };

  /** Runs `work` (an import, say) without forwarding the captures it adds. */
  async suspendWhile<T>(work: () => Promise<T>): Promise<T> {
    this.suspended++;
    try {
      return await work();
    } finally {
      this.suspended--;
    }
  }

  /** Sends a stored capture to a URL and records the result on it. */
  async send(id: string, url: string, pathMode: ForwardSettings['pathMode']): Promise<ForwardResult | undefined> {
    const capture = await this.store.read(id);
    if (!capture) return undefined;
    const result = await forwardCapture(capture, { url, pathMode });
    await this.record(id, result);
    return result;
  }

  private async onCapture(summary: CaptureSummary): Promise<void> {
    const { target, answerWithTargetResponse, pathMode } = this.settings;
    if (!target || answerWithTargetResponse || this.suspended || summary.handshake) return;
    await this.send(summary.id, target, pathMode);
  }

  private async record(id: string, result: ForwardResult): Promise<void> {
    await this.store.attachForwardResult(id, result);
    if (result.ok) {
      this.reportedDown.delete(result.target);
      this.log.info(`Forwarded ${id} → ${result.target}: ${result.status} in ${result.latencyMs} ms`);
      return;
    }
    this.log.warn(`Forwarding ${id} to ${result.target} failed: ${result.error} (${result.message})`);
    if (!this.reportedDown.has(result.target)) {
      this.reportedDown.add(result.target);
      void vscode.window.showWarningMessage(vscode.l10n.t('Forward target {0} is not answering ({1}). Captures are still recorded and the sender is still answered.', result.target, result.error));
    }
  }

  private updateContext(): void {
    void vscode.commands.executeCommand('setContext', ContextKeys.forwarding, this.settings.target !== undefined);
  }
}

