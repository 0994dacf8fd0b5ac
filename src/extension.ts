import * as vscode from 'vscode';
import { componentLogger } from './core';
import type { WorkbenchParts } from './host/activation/composeWorkbench';
import { composeWorkbench } from './host/activation/composeWorkbench';
import { DeferredCommands } from './host/activation/deferredCommands';
import { WorkbenchOpener } from './host/activation/workbenchOpener';
import { ENDPOINTS_SETTING, readEndpointSettings } from './host/check/endpointSettings';
import { CAPTURES_VIEW_ID, CommandIds } from './host/commandIds';
import { CAPTURE_SCHEME } from './host/documents/captureDocumentProvider';
import { listenerStartsWithWindow } from './host/listenerController';
import { PAYLOAD_VIEW_TYPE } from './host/panels/payloadPanel';
import { HttpRequestLens } from './host/resend/httpRequestLens';
import { inBackground } from './host/inBackground';
import { readListenerSettings } from './host/settings';
import { affectsSettings } from './host/settings/readSetting';
import { captureFolder } from './host/storageFolder';
import { DeferredCaptureTree } from './host/views/deferredCaptureTree';

export type { WorkbenchParts } from './host/activation/composeWorkbench';

/** What activate() returns, for integration tests and other extensions. */
export interface WebhookWorkbenchApi {
  /** Opens the capture store and composes the parts on the first call; the same parts afterwards. */
  open(): Promise<WorkbenchParts>;
  /** The parts, once something opened the store; undefined in a window that has not used webhooks. */
  readonly opened: WorkbenchParts | undefined;
  /** Where this window's captures are kept (the folder exists only once the store has been opened). */
  readonly captureFolder: string;
}

let shutdown: (() => Promise<void>) | undefined;

/**
 * Activation is cheap: the log, the captures view and stand-ins for the commands. The capture store
 * is opened, and the listener, tunnel, status bar and the rest composed on it, only when first
 * needed — or at once when the listener starts with the window (it was running before the reload, or
 * startOnOpen) or endpoint checks are configured for the Testing view.
 */
export function activate(context: vscode.ExtensionContext): WebhookWorkbenchApi {
  const channel = vscode.window.createOutputChannel('Webhook Workbench', { log: true });
  context.subscriptions.push(channel);
  // One channel; each part's lines carry its component: [listener], [store], [tunnel], [forward]…
  const log = componentLogger(channel);
  const deferredCommands = new DeferredCommands(
    Object.values(CommandIds).filter((id) => id !== CommandIds.showLog),
    (why) => opener.open(why),
  );
  const captureTree = new DeferredCaptureTree((why) => opener.open(why));
  const captureView = vscode.window.createTreeView(CAPTURES_VIEW_ID, { treeDataProvider: captureTree, showCollapseAll: true, canSelectMany: true });
  const opener: WorkbenchOpener = new WorkbenchOpener(async () => {
    const parts = await composeWorkbench({ context, log, captureView, beforeRegistering: () => deferredCommands.release() });
    captureTree.attach(parts.captureTree);
    shutdown = parts.shutdown;
    return parts;
  }, log);
  context.subscriptions.push(
    deferredCommands,
    captureTree,
    captureView,
    vscode.commands.registerCommand(CommandIds.showLog, () => channel.show()),
    vscode.window.registerWebviewPanelSerializer(PAYLOAD_VIEW_TYPE, {
      deserializeWebviewPanel: async (panel, state) => (await opener.open('a payload view is restored')).payloadPanels.deserializeWebviewPanel(panel, state),
    }),
    vscode.workspace.registerTextDocumentContentProvider(CAPTURE_SCHEME, {
      provideTextDocumentContent: async (uri) => (await opener.open('a capture document is opened')).documents.provideTextDocumentContent(uri),
    }),
    vscode.languages.registerCodeLensProvider([{ pattern: '**/*.http' }, { language: 'http' }], new HttpRequestLens()),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (affectsSettings(event, [ENDPOINTS_SETTING]) && readEndpointSettings().endpoints.length > 0) inBackground(log, 'Opening the capture store', opener.open('endpoint checks were configured'));
    }),
  );
  if (listenerStartsWithWindow(context.workspaceState, readListenerSettings())) {
    // Running before this window reloaded (or startOnOpen): listening again, or saying why not.
    inBackground(log, 'Resuming the listener', opener.open('the listener starts with the window').then((parts) => parts.listener.resume()));
  } else {
    log.info('Listener not started with the window: it was not running before, and startOnOpen is off. The capture store opens when first needed.');
    if (readEndpointSettings().endpoints.length > 0) inBackground(log, 'Opening the capture store', opener.open('endpoint checks are configured'));
  }
  const folder = captureFolder(context);
  return {
    open: () => opener.open('asked through the API'),
    get opened() {
      return opener.opened;
    },
    captureFolder: folder,
  };
}

export async function deactivate(): Promise<void> {
  await shutdown?.();
  shutdown = undefined;
}
