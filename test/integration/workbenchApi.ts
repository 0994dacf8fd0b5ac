import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { WebhookWorkbenchApi, WorkbenchParts } from '../../src/extension';
import type { CaptureNode, CaptureTreeNode, RouteNode } from '../../src/host/views/captureTreeItems';

const EXTENSION_ID = 'webhook-workbench.webhook-workbench';

/** The extension's API as activation returns it, before anything has opened the capture store. */
export async function activatedApi(): Promise<WebhookWorkbenchApi> {
  const extension = vscode.extensions.getExtension<WebhookWorkbenchApi>(EXTENSION_ID);
  assert.ok(extension, 'the extension is installed');
  return extension.activate();
}

/** The composed parts: activation opens nothing, so this opens the capture store (once) the way a command would. */
export async function workbenchApi(): Promise<WorkbenchParts> {
  return (await activatedApi()).open();
}

/** Every test file starts from the same place, whatever ran before it: port 0, no captures, no filter, the listener running. Returns its URL. */
export async function startFresh(): Promise<string> {
  await vscode.workspace.getConfiguration('webhookWorkbench').update('port', 0, vscode.ConfigurationTarget.Global);
  await vscode.commands.executeCommand('webhookWorkbench.clearCaptures', { confirmed: true });
  await vscode.commands.executeCommand('webhookWorkbench.clearFilter');
  return (await vscode.commands.executeCommand<{ url: string }>('webhookWorkbench.startListener')).url;
}

export async function eventually<T>(probe: () => T | undefined | false | Promise<T | undefined | false>, what: string, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

export function captureNodes(tree: vscode.TreeDataProvider<CaptureTreeNode>): CaptureNode[] {
  const routes = tree.getChildren() as RouteNode[];
  return routes.flatMap((route) => tree.getChildren(route) as CaptureNode[]);
}
