import * as vscode from 'vscode';
import type { CaptureStore } from './core';
import { CaptureStore as Store } from './core';
import { CAPTURES_VIEW_ID } from './host/commandIds';
import { registerCaptureCommands } from './host/commands/captureCommands';
import { registerCodegenCommands } from './host/commands/codegenCommands';
import { registerListenerCommands } from './host/commands/listenerCommands';
import { registerSecretCommands } from './host/commands/secretCommands';
import { CAPTURE_SCHEME, CaptureDocumentProvider } from './host/documents/captureDocumentProvider';
import { ListenerController } from './host/listenerController';
import { PAYLOAD_VIEW_TYPE } from './host/panels/payloadPanel';
import { PayloadPanels } from './host/panels/payloadPanels';
import { readListenerSettings } from './host/settings';
import { SignatureService } from './host/signatures/signatureService';
import { SigningSecrets } from './host/signatures/signingSecrets';
import { captureFolder } from './host/storageFolder';
import { CaptureFilter } from './host/views/captureFilter';
import { CaptureTreeProvider } from './host/views/captureTreeProvider';
import { ListenerStatusBar } from './host/views/listenerStatusBar';

/** What activate() returns: the composed parts, for integration tests and other extensions. */
export interface WebhookWorkbenchApi {
  store: CaptureStore;
  listener: ListenerController;
  captureTree: CaptureTreeProvider;
  secrets: SigningSecrets;
  signatures: SignatureService;
  payloadPanels: PayloadPanels;
}

let shutdown: (() => Promise<void>) | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<WebhookWorkbenchApi> {
  const log = vscode.window.createOutputChannel('Webhook Workbench', { log: true });
  context.subscriptions.push(log);
  const settings = readListenerSettings();
  const store = await Store.open({ folder: captureFolder(context), retention: settings.retention, logger: log });
  const listener = new ListenerController(store, log);
  const filter = new CaptureFilter();
  const secrets = new SigningSecrets(context.secrets, context.globalState);
  const signatures = new SignatureService(store, secrets, log);
  const payloadPanels = new PayloadPanels(context.extensionUri, store, signatures, log);
  const captureTree = new CaptureTreeProvider(store, filter, signatures);
  const treeView = vscode.window.createTreeView(CAPTURES_VIEW_ID, { treeDataProvider: captureTree, showCollapseAll: true, canSelectMany: true });
  const describeView = () => {
    const parts = [listener.address?.url, filter.active ? `filter: ${filter.value}` : undefined].filter(Boolean);
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
    new ListenerStatusBar(listener, store),
    listener.onDidChangeState(describeView),
    filter.onDidChange(describeView),
    vscode.workspace.registerTextDocumentContentProvider(CAPTURE_SCHEME, new CaptureDocumentProvider(store)),
    ...registerListenerCommands(listener, log),
    ...registerCaptureCommands(store, filter, treeView, payloadPanels, log),
    ...registerSecretCommands(store, secrets, signatures, log),
    ...registerCodegenCommands(store, signatures, log),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (listener.affectsListener(event)) void listener.onSettingsChanged();
    }),
  );
  shutdown = async () => {
    await listener.dispose();
    await store.close();
  };
  log.info(`Webhook Workbench ready; ${store.size} capture(s) kept in ${captureFolder(context)}.`);
  if (listener.startOnOpen) void listener.start();
  return { store, listener, captureTree, secrets, signatures, payloadPanels };
}

export async function deactivate(): Promise<void> {
  await shutdown?.();
  shutdown = undefined;
}
