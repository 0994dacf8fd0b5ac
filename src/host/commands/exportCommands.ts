import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Capture, CaptureStore, Logger } from '../../core';
import { harToDeliveries, labelDelivery, toCurl, toHar, toHttpFile } from '../../core';
import { CommandIds } from '../commandIds';
import type { ForwardingController } from '../forwarding/forwardingController';
import type { ListenerController } from '../listenerController';
import { readListenerSettings } from '../settings';
import { describeBySettings } from '../signatures/signatureSettings';
import type { CaptureTreeNode } from '../views/captureTreeItems';
import { captureIdsOf } from './captureTargets';
import { registerCommand } from './registerCommand';
import { UsageHint } from './usageHint';

/** cURL, .http and HAR: captures out of the extension, and HAR back in. */
export function registerExportCommands(
  store: CaptureStore,
  listener: ListenerController,
  forwarding: ForwardingController,
  treeView: vscode.TreeView<CaptureTreeNode>,
  exportFolder: vscode.Uri,
  log: Logger,
): vscode.Disposable[] {
  /** Exports point at the local listener (running or not): that is where a capture came in. */
  const baseUrl = () => {
    if (listener.address) return listener.address.url;
    const { host, port } = readListenerSettings();
    return `http://${host}:${port}`;
  };
  const readAll = async (ids: string[]): Promise<Capture[]> => {
    const captures = (await Promise.all(ids.map((id) => store.read(id)))).filter((c): c is Capture => c !== undefined);
    if (!captures.length) throw new UsageHint(vscode.l10n.t('Select one or more captures first.'));
    return captures;
  };
  const saveTarget = async (given: vscode.Uri | undefined, name: string, filters: Record<string, string[]>) => {
    if (given) return given;
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    return vscode.window.showSaveDialog({ defaultUri: folder ? vscode.Uri.joinPath(folder, name) : undefined, filters });
  };

  return [
    registerCommand(CommandIds.copyAsCurl, async (node?: CaptureTreeNode | string) => {
      const [capture] = await readAll(captureIdsOf(node, undefined, treeView));
      let curl = toCurl(capture, baseUrl());
      if (curl.bodyFile) {
        // A body the shell cannot carry goes next to the command, referenced by absolute path.
        const file = vscode.Uri.joinPath(exportFolder, curl.bodyFile.name);
        await vscode.workspace.fs.writeFile(file, curl.bodyFile.bytes);
        curl = toCurl(capture, baseUrl(), { bodyFileName: file.fsPath });
      }
      await vscode.env.clipboard.writeText(curl.command);
      void vscode.window.setStatusBarMessage(vscode.l10n.t('$(terminal) Copied the capture as a curl command'), 3000);
      return curl.command;
    }, log),
    registerCommand(CommandIds.exportAsHttp, async (node?: CaptureTreeNode | string, selected?: CaptureTreeNode[], target?: vscode.Uri) => {
      const captures = await readAll(captureIdsOf(node, selected, treeView));
      const uri = await saveTarget(target, 'webhooks.http', { [vscode.l10n.t('REST Client requests')]: ['http', 'rest'] });
      if (!uri) return undefined;
      const document = toHttpFile(captures, baseUrl());
      await vscode.workspace.fs.writeFile(uri, Buffer.from(document.text));
      for (const file of document.bodyFiles) await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(uri, '..', file.name), file.bytes);
      await vscode.window.showTextDocument(uri);
      log.info(`Exported ${captures.length} capture(s) to ${uri.fsPath}.`);
      return uri;
    }, log),
    registerCommand(CommandIds.exportCaptures, async (node?: CaptureTreeNode | string, selected?: CaptureTreeNode[], target?: vscode.Uri) => {
      const picked = node || selected?.length ? captureIdsOf(node, selected, treeView) : store.list().map((s) => s.id);
      const captures = await readAll(picked);
      const uri = await saveTarget(target, 'captures.har', { [vscode.l10n.t('HTTP Archive')]: ['har'] });
      if (!uri) return undefined;
      await vscode.workspace.fs.writeFile(uri, Buffer.from(JSON.stringify(toHar(captures, baseUrl()), null, 2)));
      void vscode.window.showInformationMessage(vscode.l10n.t('Exported {0} capture(s) to {1} (HAR 1.2).', captures.length, path.basename(uri.fsPath)));
      return uri;
    }, log),
    registerCommand(CommandIds.importCaptures, async (source?: vscode.Uri) => {
      const uri =
        source ??
        (await vscode.window.showOpenDialog({ canSelectMany: false, filters: { [vscode.l10n.t('HTTP Archive')]: ['har', 'json'] }, title: vscode.l10n.t('Import Captures (HAR 1.2)') }))?.[0];
      if (!uri) return 0;
      const describe = describeBySettings();
      const deliveries = harToDeliveries(Buffer.from(await vscode.workspace.fs.readFile(uri)).toString('utf8'));
      // Imported captures are history, not new traffic: they are not forwarded.
      // Labelled here as the receiver labels what it receives: the store keeps what it is given.
      await forwarding.suspendWhile(() => Promise.all(deliveries.map((d) => store.append(labelDelivery(d, describe)))));
      void vscode.window.showInformationMessage(vscode.l10n.t('Imported {0} capture(s) from {1}.', deliveries.length, path.basename(uri.fsPath)));
      log.info(`Imported ${deliveries.length} capture(s) from ${uri.fsPath}.`);
      return deliveries.length;
    }, log),
  ];
}
