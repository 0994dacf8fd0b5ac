import * as vscode from 'vscode';
import type { ComponentLogger } from '../../core';
import { CaptureStore } from '../../core';
import { registerCheckCommands } from '../check/checkCommands';
import { EndpointCheckController } from '../check/endpointCheckController';
import { registerCaptureCommands } from '../commands/captureCommands';
import { registerCodegenCommands } from '../commands/codegenCommands';
import { registerExportCommands } from '../commands/exportCommands';
import { registerListenerCommands } from '../commands/listenerCommands';
import { registerRelayCommands } from '../commands/relayCommands';
import { registerSecretCommands } from '../commands/secretCommands';
import { CaptureDocumentProvider } from '../documents/captureDocumentProvider';
import { ForwardingController } from '../forwarding/forwardingController';
import { ListenAddressConsent } from '../listenAddressConsent';
import { ListenerController } from '../listenerController';
import { PayloadPanels } from '../panels/payloadPanels';
import { receiverBehaviour } from '../receiverBehaviour';
import { registerResendCommands } from '../resend/resendCommands';
import { readListenerSettings } from '../settings';
import { SignatureService } from '../signatures/signatureService';
import { SigningSecrets } from '../signatures/signingSecrets';
import { captureFolder, storageRoot } from '../storageFolder';
import { SigningKeys } from '../testEvents/signingKeys';
import { registerTestEventCommands } from '../testEvents/testEventCommands';
import { TunnelController } from '../tunnel/tunnelController';
import { TunnelStatusBar } from '../tunnel/tunnelStatusBar';
import { CaptureFilter } from '../views/captureFilter';
import type { CaptureTreeNode } from '../views/captureTreeItems';
import { CaptureTreeProvider } from '../views/captureTreeProvider';
import { CaptureViewMessage } from '../views/captureViewMessage';
import { ListenerStatusBar } from '../views/listenerStatusBar';
import { registerStoreCommands, StoreProblems } from '../views/storeProblems';
import { inBackground } from '../inBackground';

/** Everything that works on captures, composed once the capture store is open. */
export interface WorkbenchParts {
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
  documents: CaptureDocumentProvider;
  /** Stops the tunnel and the listener and closes the store (deactivate awaits it). */
  shutdown: () => Promise<void>;
}

/** What exists from activation on, before the store is opened: the log and the captures view. */
export interface WorkbenchShell {
  context: vscode.ExtensionContext;
  /** The root of the component loggers: each part gets a child, so its lines say [listener], [store]… */
  log: ComponentLogger;
  captureView: vscode.TreeView<CaptureTreeNode>;
  /** Called once the store is open, just before the parts register their commands. */
  beforeRegistering: () => void;
}

/**
 * Opens the capture store and builds the parts on it, registering their commands and disposables
 * with the extension. Never rejects for a store it cannot use: a folder it cannot write is opened
 * read-only, one it cannot use at all leaves an empty store; StoreProblems says so and offers a
 * fresh folder.
 */
export async function composeWorkbench({ context, log, captureView: treeView, beforeRegistering }: WorkbenchShell): Promise<WorkbenchParts> {
  const settings = readListenerSettings();
  const storage = storageRoot(context);
  const store = await CaptureStore.open({ folder: captureFolder(context), retention: settings.retention, logger: log.child('store') });
  beforeRegistering();
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
  const storeProblems = new StoreProblems(store, log.child('store'));
  const documents = new CaptureDocumentProvider(store);
  const describeView = () => {
    const parts = [listener.address?.url, tunnel.url ? `public ${tunnel.url}` : undefined, filter.active ? `filter: ${filter.value}` : undefined].filter(Boolean);
    treeView.description = parts.join(' · ') || undefined;
  };
  context.subscriptions.push(
    filter,
    secrets,
    signatures,
    payloadPanels,
    captureTree,
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
    ...registerListenerCommands(listener, log.child('listener')),
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
  const shutdown = async () => {
    await tunnel.stop();
    await listener.dispose();
    await store.close();
  };
  log.info(`Capture store opened: ${store.size} capture(s) kept in ${store.folder}${store.health.access === 'read-write' ? '' : ` (${store.health.access})`}.`);
  inBackground(log, 'Reporting the capture folder problem', storeProblems.notify());
  return { store, storeProblems, listener, captureTree, secrets, signatures, payloadPanels, tunnel, forwarding, captureView: treeView, endpointChecks, signingKeys, documents, shutdown };
}
