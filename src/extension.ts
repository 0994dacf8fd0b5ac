import * as vscode from 'vscode';
import { CaptureStore, componentLogger } from './core';
import { registerCheckCommands } from './host/check/checkCommands';
import { EndpointCheckController } from './host/check/endpointCheckController';
import { CAPTURES_VIEW_ID } from './host/commandIds';
import { registerCaptureCommands } from './host/commands/captureCommands';
import { registerCodegenCommands } from './host/commands/codegenCommands';
import { registerExportCommands } from './host/commands/exportCommands';
import { registerListenerCommands } from './host/commands/listenerCommands';
import { registerRelayCommands } from './host/commands/relayCommands';
import { registerSecretCommands } from './host/commands/secretCommands';
import { CAPTURE_SCHEME, CaptureDocumentProvider } from './host/documents/captureDocumentProvider';
import { ForwardingController } from './host/forwarding/forwardingController';
import { ListenAddressConsent } from './host/listenAddressConsent';
import { ListenerController } from './host/listenerController';
import { PAYLOAD_VIEW_TYPE } from './host/panels/payloadPanel';
import { PayloadPanels } from './host/panels/payloadPanels';
import { receiverBehaviour } from './host/receiverBehaviour';
import { registerResendCommands } from './host/resend/resendCommands';
import { readListenerSettings } from './host/settings';
import { SignatureService } from './host/signatures/signatureService';
import { SigningSecrets } from './host/signatures/signingSecrets';
import { SigningKeys } from './host/testEvents/signingKeys';
import { registerTestEventCommands } from './host/testEvents/testEventCommands';
import { captureFolder, storageRoot } from './host/storageFolder';
import { TunnelController } from './host/tunnel/tunnelController';
import { TunnelStatusBar } from './host/tunnel/tunnelStatusBar';
import { CaptureFilter } from './host/views/captureFilter';
import type { CaptureTreeNode } from './host/views/captureTreeItems';
import { CaptureTreeProvider } from './host/views/captureTreeProvider';
import { CaptureViewMessage } from './host/views/captureViewMessage';
import { ListenerStatusBar } from './host/views/listenerStatusBar';
import { registerStoreCommands, StoreProblems } from './host/views/storeProblems';
import { inBackground } from './host/inBackground';

/** What activate() returns: the composed parts, for integration tests and other extensions. */
export interface WebhookWorkbenchApi {
  store: CaptureStore;
  storeProblems: StoreProblems;
  listener: ListenerController;
  captureTree: CaptureTreeProvider;
  secrets: SigningSecrets;
  signatures: SignatureService;
  payloadPanels: PayloadPanels;
  tunnel: TunnelController;
  forwarding: ForwardingController;
  captureView: vscode.TreeView<CaptureTreeNode>;
  endpointChecks: EndpointCheckController;
  signingKeys: SigningKeys;
}

let shutdown: (() => Promise<void>) | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<WebhookWorkbenchApi> {
  const channel = vscode.window.createOutputChannel('Webhook Workbench', { log: true });
  context.subscriptions.push(channel);
  // One channel; each part's lines carry its component: [listener], [store], [tunnel], [forward]…
  const log = componentLogger(channel);
  const settings = readListenerSettings();
  const storage = storageRoot(context);
  // Never rejects: a folder it cannot write is opened read-only, one it cannot use at all leaves an
  // empty store; StoreProblems below says so and offers a fresh folder.
  const store = await CaptureStore.open({ folder: captureFolder(context), retention: settings.retention, logger: log.child('store') });
  const secrets = new SigningSecrets(context.secrets, context.globalState);
  const forwarding = new ForwardingController(store, log.child('forward'));
  const signatures = new SignatureService(store, secrets, log.child('signatures'));
  const listener = new ListenerController(store, log.child('listener'), receiverBehaviour(secrets, signatures, forwarding, log.child('listener')), context.workspaceState, new ListenAddressConsent(log.child('listener')));
  const tunnel = new TunnelController(listener, log.child('tunnel'));
  const filter = new CaptureFilter();
  const payloadPanels = new PayloadPanels(context.extensionUri, store, signatures, log.child('payload'));
  const captureTree = new CaptureTreeProvider(store, filter, signatures);
  const samplesFolder = vscode.Uri.joinPath(context.extensionUri, 'samples').fsPath;
  const signingKeys = new SigningKeys(secrets, context.secrets, log.child('testEvents'));
  const endpointChecks = new EndpointCheckController(signingKeys, signatures, samplesFolder, log.child('check'));
  const treeView = vscode.window.createTreeView(CAPTURES_VIEW_ID, { treeDataProvider: captureTree, showCollapseAll: true, canSelectMany: true });
  const storeProblems = new StoreProblems(store, log.child('store'));
  const describeView = () => {
    const parts = [listener.address?.url, tunnel.url ? `public ${tunnel.url}` : undefined, filter.active ? `filter: ${filter.value}` : undefined].filter(Boolean);
    treeView.description = parts.join(' · ') || undefined;
  };
  context.subscriptions.push(
    filter,
    secrets,
    signatures,
    payloadPanels,
    vscode.window.registerWebviewPanelSerializer(PAYLOAD_VIEW_TYPE, payloadPanels),
    captureTree,
    treeView,
    storeProblems,
    ...registerStoreCommands(storeProblems, log.child('store')),
    new ListenerStatusBar(listener, store),
    new CaptureViewMessage(treeView, listener, tunnel, store, filter, captureTree, storeProblems),
    listener.onDidChangeState(describeView),
    forwarding,
    tunnel,
    new TunnelStatusBar(tunnel),
    tunnel.onDidChangeState(() => {
      describeView();
      signatures.setTunnelUrl(tunnel.url);
    }),
    secrets.onDidChange(() => inBackground(log, 'Reloading the listener behaviour', listener.refreshBehaviour())),
    filter.onDidChange(describeView),
    vscode.workspace.registerTextDocumentContentProvider(CAPTURE_SCHEME, new CaptureDocumentProvider(store)),
    ...registerListenerCommands(listener, log.child('listener'), channel),
    ...registerCaptureCommands(store, filter, treeView, captureTree, payloadPanels, log.child('captures')),
    ...registerSecretCommands(store, secrets, signatures, log.child('signatures')),
    ...registerCodegenCommands(store, signatures, log.child('codegen')),
    ...registerRelayCommands(tunnel, forwarding, treeView, context.workspaceState, log.child('forward')),
    ...registerExportCommands(store, listener, forwarding, treeView, vscode.Uri.joinPath(storage, 'exports'), log.child('export')),
    ...registerResendCommands(store, secrets, listener, forwarding, treeView, vscode.Uri.joinPath(storage, 'resend'), log.child('resend')),
    endpointChecks,
    ...registerTestEventCommands(store, signatures, signingKeys, forwarding, listener, treeView, samplesFolder, context.workspaceState, log.child('testEvents')),
    ...registerCheckCommands(store, signatures, forwarding, endpointChecks, log.child('check')),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (listener.affectsListener(event)) inBackground(log, 'Applying the listener settings', listener.onSettingsChanged());
    }),
  );
  shutdown = async () => {
    await tunnel.stop();
    await listener.dispose();
    await store.close();
  };
  log.info(`Webhook Workbench ready; ${store.size} capture(s) kept in ${store.folder}${store.health.access === 'read-write' ? '' : ` (${store.health.access})`}.`);
  inBackground(log, 'Reporting the capture folder problem', storeProblems.notify());
  // Running before this window reloaded (or startOnOpen): listening again, or saying why not.
  inBackground(log, 'Resuming the listener', listener.resume());
  return { store, storeProblems, listener, captureTree, secrets, signatures, payloadPanels, tunnel, forwarding, captureView: treeView, endpointChecks, signingKeys };
}

export async function deactivate(): Promise<void> {
  await shutdown?.();
  shutdown = undefined;
}
