import * as vscode from 'vscode';
import type { CaptureStore, CaptureSummary, DeliveryIdChoice, ForwardResult, Logger, ProviderDefinition, ProviderRetry, ProviderVerdict, RetryReason, SampleEvent, TestDelivery } from '../../core';
import { buildProviderRetry, buildTestDelivery, explainProviderAnswer, findProvider, genericSampleEvent, headerMap, labelDelivery, providerCatalog, readSampleEvents, resendRequest, routeOf, summarizeForward } from '../../core';
import { CommandIds } from '../commandIds';
import { captureIdsOf } from '../commands/captureTargets';
import { registerCommand } from '../commands/registerCommand';
import type { ForwardingController } from '../forwarding/forwardingController';
import type { ListenerController } from '../listenerController';
import type { SignatureService } from '../signatures/signatureService';
import { describeBySettings } from '../signatures/signatureSettings';
import type { CaptureTreeNode } from '../views/captureTreeItems';
import { forwardLabel } from '../views/captureTreeItems';
import { showAnswerDocument } from './answerDocument';
import { MissingSecretError, offerToSetSecret, type SigningKeys } from './signingKeys';
import { isListenerUrl, pickTargetUrl } from './testEventTargets';
import { UsageHint } from '../commands/usageHint';

/** Answers the pickers up front, for scripted use (tests, other extensions). */
export interface SendTestEventOptions {
  provider?: string;
  /** A sample event's name; with a `target`, the provider's most common event when not given. */
  event?: string;
  target?: string;
  /** `fresh` (default), `keep` (a capture's own id) or a chosen id. */
  deliveryId?: string;
}

export interface ReplayRetryOptions {
  target?: string;
  reason?: RetryReason;
}

/** What a test delivery got, for scripted callers. */
export interface TestEventOutcome {
  delivery: TestDelivery;
  result: ForwardResult;
  verdict: ProviderVerdict;
  /** The capture the answer was recorded on (the source capture, or the test event's own record). */
  captureId?: string;
}

interface TemplateChoice {
  definition: ProviderDefinition;
  template: { method: string; rawHeaders: readonly string[]; body: Uint8Array };
  label: string;
  /** The capture it came from, which then records the answer. */
  capture?: CaptureSummary;
}

export function registerTestEventCommands(
  store: CaptureStore,
  signatures: SignatureService,
  keys: SigningKeys,
  forwarding: ForwardingController,
  listener: ListenerController,
  treeView: vscode.TreeView<CaptureTreeNode>,
  samplesFolder: string,
  state: vscode.Memento,
  log: Logger,
): vscode.Disposable[] {
  const definitionOf = (id: string) => findProvider(id, signatures.customProviders);

  const pickProvider = async (suggested: string | undefined, given: string | undefined): Promise<ProviderDefinition | undefined> => {
    const id = given ?? suggested;
    if (id !== undefined) {
      const known = definitionOf(id);
      if (known) return known;
      if (given !== undefined) throw new Error(vscode.l10n.t('Unknown provider "{0}".', given));
    }
    const choice = await vscode.window.showQuickPick(
      providerCatalog(signatures.customProviders).map((p) => ({ label: p.name, description: p.id, id: p.id })),
      { title: vscode.l10n.t('Send Test Event (1/4): Provider'), placeHolder: vscode.l10n.t('Which provider should the event come from?'), matchOnDescription: true },
    );
    return choice ? definitionOf(choice.id) : undefined;
  };

  const samplesOf = (definition: ProviderDefinition): SampleEvent[] => {
    const { samples, problems } = readSampleEvents(samplesFolder, definition.id);
    for (const problem of problems) log.warn(`Sample event ${problem.file} skipped: ${problem.message}`);
    return samples.length ? samples : [genericSampleEvent(definition)];
  };

  const pickTemplate = async (node: CaptureTreeNode | undefined, options: SendTestEventOptions): Promise<TemplateChoice | undefined> => {
    if (node?.kind === 'capture') {
      const capture = await store.read(node.summary.id);
      if (!capture) throw new Error(vscode.l10n.t('That capture is gone.'));
      const definition = await pickProvider(signatures.providerOf(capture), options.provider);
      return definition && { definition, template: capture, label: capture.event ?? `${capture.method} ${capture.url}`, capture };
    }
    const routeCaptures = node?.kind === 'route' ? node.captures : [];
    const definition = await pickProvider(routeCaptures.find((c) => c.provider)?.provider, options.provider);
    if (!definition) return undefined;
    const samples = samplesOf(definition);
    if (options.target !== undefined && options.event === undefined) {
      const sample = samples.find((s) => !s.handshake) ?? samples[0];
      return { definition, template: sample, label: sample.event };
    }
    if (options.event !== undefined) {
      const sample = samples.find((s) => s.event === options.event);
      if (!sample) throw new Error(vscode.l10n.t('No {0} sample event "{1}"; there are: {2}.', definition.name, options.event, samples.map((s) => s.event).join(', ')));
      return { definition, template: sample, label: sample.event };
    }
    type Item = vscode.QuickPickItem & { sample?: SampleEvent; capture?: CaptureSummary };
    const items: Item[] = [
      ...samples.map((sample) => ({ label: sample.event, description: sample.description, detail: sample.file ? vscode.l10n.t('sample {0}', sample.file) : vscode.l10n.t('generated'), sample })),
      ...routeCaptures.filter((c) => c.provider === definition.id).slice(0, 5).map((capture) => ({
        label: `$(history) ${capture.event ?? capture.url}`,
        description: vscode.l10n.t('capture of {0}', new Date(capture.receivedAt).toLocaleString()),
        capture,
      })),
    ];
    const picked = await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Send Test Event (2/4): {0} event', definition.name), placeHolder: vscode.l10n.t('Built-in sample events, then this route’s captures'), matchOnDescription: true });
    if (!picked) return undefined;
    if (picked.sample) return { definition, template: picked.sample, label: picked.sample.event };
    const capture = await store.read(picked.capture!.id);
    if (!capture) throw new Error(vscode.l10n.t('That capture is gone.'));
    return { definition, template: capture, label: capture.event ?? capture.url, capture };
  };

  /** Offers to edit the body in an editor first; resolves with the body to send, or undefined when cancelled. */
  const maybeEditBody = async (choice: TemplateChoice): Promise<Uint8Array | undefined> => {
    const action = await vscode.window.showQuickPick(
      [{ label: vscode.l10n.t('$(send) Send as it is'), edit: false }, { label: vscode.l10n.t('$(edit) Edit the body first'), edit: true }],
      { title: vscode.l10n.t('Send Test Event (3/4): Body') },
    );
    if (!action) return undefined;
    if (!action.edit) return choice.template.body;
    const text = Buffer.from(choice.template.body).toString('utf8');
    const form = /^application\/x-www-form-urlencoded/i.test(headerMap(choice.template.rawHeaders)['content-type']?.toString() ?? '');
    const document = await vscode.workspace.openTextDocument({ content: form ? text : prettyJson(text), language: form ? 'plaintext' : 'json' });
    await vscode.window.showTextDocument(document);
    const send = await vscode.window.showInformationMessage(vscode.l10n.t('Edit the {0} {1} body, then send it (signed as it is then).', choice.definition.name, choice.label), vscode.l10n.t('Send'), vscode.l10n.t('Cancel'));
    return send === vscode.l10n.t('Send') ? Buffer.from(document.getText()) : undefined;
  };

  const pickDeliveryId = async (choice: TemplateChoice, given: SendTestEventOptions['deliveryId']): Promise<DeliveryIdChoice | undefined> => {
    if (given !== undefined) return given === 'fresh' || given === 'keep' ? given : { id: given };
    if (choice.definition.deliveryId.kind === 'none') return 'fresh';
    type Item = vscode.QuickPickItem & { value: 'fresh' | 'keep' | 'enter' };
    const items: Item[] = [
      { label: vscode.l10n.t('A fresh delivery id'), description: vscode.l10n.t('as a new event'), value: 'fresh' },
      ...(choice.capture ? [{ label: vscode.l10n.t('The capture’s own id'), description: choice.capture.deliveryId ?? '', value: 'keep' as const }] : []),
      { label: vscode.l10n.t('Enter an id…'), description: vscode.l10n.t('to try a redelivery of an id your handler has seen'), value: 'enter' },
    ];
    const picked = await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Send Test Event (4/4): Delivery id') });
    if (!picked) return undefined;
    if (picked.value !== 'enter') return picked.value;
    const id = await vscode.window.showInputBox({ title: vscode.l10n.t('Delivery id'), prompt: vscode.l10n.t('The {0} delivery id to send', choice.definition.name), validateInput: (v) => (v.trim() ? undefined : vscode.l10n.t('The id cannot be empty.')) });
    return id ? { id: id.trim() } : undefined;
  };

  /** Sends with a cancellable progress notification; never rejects (failures are results). */
  const send = (title: string, delivery: TestDelivery): Thenable<ForwardResult> =>
    vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, (_progress, token) => {
      const controller = new AbortController();
      const subscription = token.onCancellationRequested(() => controller.abort());
      return resendRequest(delivery, { signal: controller.signal }).finally(() => {
        subscription.dispose();
      });
    });

  /** A test event built from a sample is recorded as a capture of its own, its answer attached like a forward result. */
  const record = async (delivery: TestDelivery, result: ForwardResult, source: CaptureSummary | undefined): Promise<string | undefined> => {
    if (source) {
      await store.attachForwardResult(source.id, result);
      return source.id;
    }
    // Sent to the listener itself, the delivery is already a capture with the listener's answer.
    if (isListenerUrl(delivery.url, listener)) return undefined;
    const url = new URL(delivery.url);
    const summary = await forwarding.suspendWhile(() =>
      store.append(labelDelivery({
        method: delivery.method,
        url: url.pathname + url.search,
        httpVersion: '1.1',
        rawHeaders: ['Host', url.host, ...delivery.rawHeaders],
        remoteAddress: '',
        receivedAt: delivery.signedAt,
        readMs: 0,
        truncated: false,
        responseStatus: result.ok ? result.status : 0,
        body: delivery.body,
      }, describeBySettings())),
    );
    await store.attachForwardResult(summary.id, result);
    return summary.id;
  };

  const report = (what: string, result: ForwardResult, verdict: ProviderVerdict) => {
    const label = forwardLabel(summarizeForward(result, Date.now()));
    log.info(`${what} ${label}. ${verdict.summary} ${verdict.consequences.join(' ')}`);
    const show = verdict.delivered ? vscode.window.showInformationMessage : vscode.window.showWarningMessage;
    void show(`${what} ${label}. ${verdict.summary}`, vscode.l10n.t('Show Response')).then((choice) => {
      if (choice) void showAnswerDocument(result, verdict);
    });
  };

  const withSecretOffer = async <T>(work: () => Promise<T>): Promise<T | undefined> => {
    try {
      return await work();
    } catch (error) {
      if (!(error instanceof MissingSecretError)) throw error;
      void offerToSetSecret(error);
      return undefined;
    }
  };

  return [
    registerCommand(CommandIds.sendTestEvent, (node?: CaptureTreeNode, _selected?: CaptureTreeNode[], options: SendTestEventOptions = {}) =>
      withSecretOffer(async (): Promise<TestEventOutcome | undefined> => {
        const choice = await pickTemplate(node, options);
        if (!choice) return undefined;
        const scripted = options.target !== undefined;
        const body = scripted ? choice.template.body : await maybeEditBody(choice);
        if (!body) return undefined;
        const deliveryId = await pickDeliveryId(choice, options.deliveryId ?? (scripted ? 'fresh' : undefined));
        if (!deliveryId) return undefined;
        const route = node?.kind === 'route' ? node.route : choice.capture ? routeOf(choice.capture.url) : undefined;
        const target = options.target ?? (await pickTargetUrl(vscode.l10n.t('Send Test Event: where to'), route, forwarding, listener, state));
        if (!target) return undefined;
        const { definition } = choice;
        const key = await keys.keyFor(definition, target, route);
        const delivery = buildTestDelivery({ definition, template: { ...choice.template, body }, targetUrl: target, key, now: Date.now(), deliveryId, customProviders: signatures.customProviders });
        const result = await send(vscode.l10n.t('Sending a signed {0} {1} to {2}', definition.name, choice.label, target), delivery);
        const captureId = await record(delivery, result, choice.capture);
        const verdict = explainProviderAnswer(definition, result);
        report(vscode.l10n.t('Test event {0} {1}{2}', definition.name, choice.label, delivery.deliveryId ? ` (${delivery.deliveryId})` : ''), result, verdict);
        return { delivery, result, verdict, captureId };
      }), log),
    registerCommand(CommandIds.replayAsProviderRetry, (node?: CaptureTreeNode | string, _selected?: CaptureTreeNode[], options: ReplayRetryOptions = {}) =>
      withSecretOffer(async (): Promise<(TestEventOutcome & { retry: ProviderRetry }) | undefined> => {
        const [id] = captureIdsOf(node, undefined, treeView);
        const capture = id ? await store.read(id) : undefined;
        if (!capture) throw new UsageHint(vscode.l10n.t('Select a capture to replay as a provider retry.'));
        const providerId = signatures.providerOf(capture);
        const definition = providerId ? definitionOf(providerId) : undefined;
        if (!definition) throw new Error(vscode.l10n.t('This capture is not from a known provider, so there is no retry behaviour to imitate.'));
        const target = options.target ?? forwarding.target ?? (await pickTargetUrl(vscode.l10n.t('Replay as Provider Retry: where to'), routeOf(capture.url), forwarding, listener, state));
        if (!target) return undefined;
        const key = await keys.keyFor(definition, target, routeOf(capture.url));
        const retry = buildProviderRetry({ definition, capture, targetUrl: target, key, now: Date.now(), reason: options.reason ?? retryReasonAfter(capture.forward), customProviders: signatures.customProviders });
        const result = await send(vscode.l10n.t('Replaying {0} {1} as retry {2}', definition.name, capture.event ?? capture.url, retry.attempt), retry);
        await store.attachForwardResult(capture.id, result);
        const verdict = explainProviderAnswer(definition, result);
        report(vscode.l10n.t('Retry {0} of {1} {2}{3}', retry.attempt, definition.name, capture.event ?? capture.url, retry.deliveryId ? ` (${retry.deliveryId})` : ''), result, verdict);
        return { delivery: retry, retry, result, verdict, captureId: capture.id };
      }), log),
  ];
}

/** Why the provider would retry, judging by what the capture's last forward got. */
function retryReasonAfter(forward: CaptureSummary['forward']): RetryReason {
  if (!forward || forward.ok) return 'http_error';
  if (forward.error === 'ETIMEDOUT') return 'http_timeout';
  return 'connection_failed';
}

function prettyJson(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}
