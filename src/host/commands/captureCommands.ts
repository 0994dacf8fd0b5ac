import * as vscode from 'vscode';
import type { CaptureStore } from '../../core';
import { CommandIds } from '../commandIds';
import { CaptureDocumentProvider, renderBody } from '../documents/captureDocumentProvider';
import type { CaptureFilter } from '../views/captureFilter';
import type { CaptureTreeNode } from '../views/captureTreeItems';
import { registerCommand } from './registerCommand';

export function registerCaptureCommands(
  store: CaptureStore,
  filter: CaptureFilter,
  treeView: vscode.TreeView<CaptureTreeNode>,
  log: vscode.LogOutputChannel,
): vscode.Disposable[] {
  /** The nodes a command acts on: the clicked one, or the whole multi-selection it belongs to. */
  const targets = (node: CaptureTreeNode | undefined, selected: readonly CaptureTreeNode[] | undefined): CaptureTreeNode[] => {
    if (selected?.length) return [...selected];
    if (node) return [node];
    return [...treeView.selection];
  };
  return [
    registerCommand(CommandIds.openCapture, async (node?: CaptureTreeNode) => {
      const target = node ?? treeView.selection[0];
      if (target?.kind !== 'capture') throw new Error('Select a capture to open.');
      const body = await store.readBody(target.summary.id);
      if (!body) throw new Error('This capture no longer exists.');
      const uri = CaptureDocumentProvider.uriFor(target.summary.id, renderBody(body).isJson);
      const document = await vscode.workspace.openTextDocument(uri);
      await vscode.window.showTextDocument(document, { preview: true });
      return uri;
    }, log),
    registerCommand(CommandIds.deleteCapture, async (node?: CaptureTreeNode, selected?: CaptureTreeNode[]) => {
      const ids = targets(node, selected).flatMap((n) => (n.kind === 'capture' ? [n.summary.id] : n.captures.map((c) => c.id)));
      if (!ids.length) throw new Error('Select a capture or a route to delete.');
      await store.delete(ids);
      log.info(`Deleted ${ids.length} capture(s).`);
    }, log),
    registerCommand(CommandIds.clearCaptures, async (options?: { confirmed?: boolean }) => {
      if (!options?.confirmed) {
        const answer = await vscode.window.showWarningMessage(
          `Delete all ${store.size} captured webhooks? This cannot be undone.`,
          { modal: true },
          'Clear All',
        );
        if (answer !== 'Clear All') return;
      }
      await store.clear();
      log.info('Cleared all captures.');
    }, log),
    registerCommand(CommandIds.filterCaptures, async (text?: string) => {
      const value =
        typeof text === 'string'
          ? text
          : await vscode.window.showInputBox({
              title: 'Filter Captures',
              prompt: 'Show captures whose method, URL, event, provider or status contains this text',
              value: filter.value,
              placeHolder: 'e.g. POST, /stripe, pull_request, 413',
            });
      if (value !== undefined) filter.set(value);
    }, log),
    registerCommand(CommandIds.clearFilter, () => filter.set(''), log),
  ];
}
