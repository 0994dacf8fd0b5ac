import * as vscode from 'vscode';
import type { CaptureStore, Logger } from '../../core';
import { CommandIds } from '../commandIds';
import { CaptureDocumentProvider, renderBody } from '../documents/captureDocumentProvider';
import type { PayloadPanels } from '../panels/payloadPanels';
import type { CaptureFilter } from '../views/captureFilter';
import type { CaptureTreeNode } from '../views/captureTreeItems';
import type { CaptureTreeProvider } from '../views/captureTreeProvider';
import { captureIdsOf } from './captureTargets';
import { registerCommand } from './registerCommand';
import { UsageHint } from './usageHint';

export function registerCaptureCommands(
  store: CaptureStore,
  filter: CaptureFilter,
  treeView: vscode.TreeView<CaptureTreeNode>,
  tree: CaptureTreeProvider,
  panels: PayloadPanels,
  log: Logger,
): vscode.Disposable[] {
  const captureIdOf = (target: CaptureTreeNode | string | undefined): string => {
    const node = target ?? treeView.selection[0];
    if (typeof node === 'string') return node;
    if (node?.kind !== 'capture') throw new UsageHint(vscode.l10n.t('Select a capture to open.'));
    return node.summary.id;
  };
  return [
    // A click in the tree: the payload view shows the capture and focus stays in the tree, so the
    // arrow keys keep walking it (as a preview does).
    registerCommand(CommandIds.openCapture, async (target?: CaptureTreeNode | string) => {
      const id = captureIdOf(target);
      if (!store.get(id)) throw new Error(vscode.l10n.t('This capture no longer exists.'));
      const panel = await panels.show(id);
      return panel.captureId;
    }, log),
    // Enter in the tree: the keybinding replaces the list's own Enter, so this selects the focused row
    // first (which also runs the row's command); a capture then gets the focus moved into its view.
    registerCommand(CommandIds.openCaptureAndFocus, async (target?: CaptureTreeNode | string) => {
      if (target === undefined) await vscode.commands.executeCommand('list.select');
      const node = target ?? treeView.selection[0];
      if (typeof node !== 'string' && node?.kind !== 'capture') return undefined;
      const id = captureIdOf(node);
      if (!store.get(id)) throw new Error(vscode.l10n.t('This capture no longer exists.'));
      return (await panels.show(id, { takeFocus: true })).captureId;
    }, log),
    registerCommand(CommandIds.openCaptureRaw, async (target?: CaptureTreeNode | string) => {
      const id = captureIdOf(target);
      const body = await store.readBody(id);
      if (!body) throw new Error(vscode.l10n.t('This capture no longer exists.'));
      const uri = CaptureDocumentProvider.uriFor(id, renderBody(body).isJson);
      const document = await vscode.workspace.openTextDocument(uri);
      await vscode.window.showTextDocument(document, { preview: true });
      return uri;
    }, log),
    registerCommand(CommandIds.showOlderCaptures, (route?: string) => {
      if (typeof route === 'string') tree.showOlder(route);
    }, log),
    registerCommand(CommandIds.pinPayloadView, () => {
      if (!panels.pinActive()) throw new UsageHint(vscode.l10n.t('Open a capture in the payload view first.'));
    }, log),
    registerCommand(CommandIds.deleteCapture, async (node?: CaptureTreeNode, selected?: CaptureTreeNode[]) => {
      const ids = captureIdsOf(node, selected, treeView);
      if (!ids.length) throw new UsageHint(vscode.l10n.t('Select a capture or a route to delete.'));
      await store.delete(ids);
      log.info(`Deleted ${ids.length} capture(s).`);
    }, log),
    registerCommand(CommandIds.clearCaptures, async (options?: { confirmed?: boolean }) => {
      if (!options?.confirmed) {
        const answer = await vscode.window.showWarningMessage(
          vscode.l10n.t('Delete all {0} captured webhooks? This cannot be undone.', store.size),
          { modal: true },
          vscode.l10n.t('Clear All'),
        );
        if (answer !== vscode.l10n.t('Clear All')) return;
      }
      await store.clear();
      log.info('Cleared all captures.');
    }, log),
    registerCommand(CommandIds.filterCaptures, async (text?: string) => {
      const value =
        typeof text === 'string'
          ? text
          : await vscode.window.showInputBox({
              title: vscode.l10n.t('Filter Captures'),
              prompt: vscode.l10n.t('Show captures whose method, URL, event, provider or status contains this text'),
              value: filter.value,
              placeHolder: vscode.l10n.t('e.g. POST, /stripe, pull_request, 413'),
            });
      if (value !== undefined) filter.set(value);
    }, log),
    registerCommand(CommandIds.clearFilter, () => filter.set(''), log),
  ];
}
