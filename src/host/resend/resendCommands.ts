import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { CaptureStore, ForwardResult, Logger } from '../../core';
import { parseHttpRequest, RESIGNABLE_PROVIDERS, resendRequest, resignRequest, routeOf, summarizeForward, toHttpFile } from '../../core';
import { CommandIds } from '../commandIds';
import { captureIdsOf } from '../commands/captureTargets';
import { registerCommand } from '../commands/registerCommand';
import type { ForwardingController } from '../forwarding/forwardingController';
import type { ListenerController } from '../listenerController';
import type { SigningSecrets } from '../signatures/signingSecrets';
import type { CaptureTreeNode } from '../views/captureTreeItems';
import { forwardLabel } from '../views/captureTreeItems';
import { requestBlockAt } from './httpRequestLens';
import { UsageHint } from '../commands/usageHint';

const CAPTURE_MARKER = /^# capture: (\S+)$/m;

/** Options for scripted use (tests): answer the re-sign question up front. */
interface SendOptions {
  resign?: boolean;
}

export function registerResendCommands(
  store: CaptureStore,
  secrets: SigningSecrets,
  listener: ListenerController,
  forwarding: ForwardingController,
  treeView: vscode.TreeView<CaptureTreeNode>,
  resendFolder: vscode.Uri,
  log: Logger,
): vscode.Disposable[] {
  return [
    registerCommand(CommandIds.editAndResend, async (node?: CaptureTreeNode | string) => {
      const [id] = captureIdsOf(node, undefined, treeView);
      const capture = id ? await store.read(id) : undefined;
      if (!capture) throw new UsageHint(vscode.l10n.t('Select a capture to edit and resend.'));
      // Resending is usually aimed at your own app: the forward target when there is one.
      const base = forwarding.target ? new URL(forwarding.target).origin : listener.address?.url ?? 'http://localhost:3000';
      const document = toHttpFile([capture], base);
      const folder = vscode.Uri.joinPath(resendFolder, `capture-${capture.id}`);
      for (const file of document.bodyFiles) await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(folder, file.name), file.bytes);
      const note = [
        vscode.l10n.t('# Webhook Workbench: edit this request, then use "Send Request" above its first line.'),
        `# capture: ${capture.id}`,
        capture.provider && RESIGNABLE_PROVIDERS.includes(capture.provider)
          ? vscode.l10n.t('# Signed by {0}: when its signing secret is set, you will be offered fresh signature headers for the edited body.', capture.provider)
          : '',
      ].filter(Boolean);
      const uri = vscode.Uri.joinPath(folder, 'request.http');
      await vscode.workspace.fs.writeFile(uri, Buffer.from(`${note.join('\n')}\n${document.text}`));
      await vscode.window.showTextDocument(uri);
      return uri;
    }, log),
    registerCommand(CommandIds.sendHttpRequest, async (uri?: vscode.Uri, line?: number, options: SendOptions = {}) => {
      const editor = vscode.window.activeTextEditor;
      const document = uri ? await vscode.workspace.openTextDocument(uri) : editor?.document;
      if (!document) throw new UsageHint(vscode.l10n.t('Open a .http document first.'));
      const at = line ?? (editor?.document === document ? editor.selection.active.line : 0);
      const dir = path.dirname(document.uri.fsPath);
      let request = parseHttpRequest(requestBlockAt(document, at), { readBodyFile: (file) => fs.readFileSync(path.resolve(dir, file)) });
      const captureId = CAPTURE_MARKER.exec(document.getText())?.[1];
      const capture = captureId ? store.get(captureId) : undefined;
      const target = new URL(request.url);
      if (capture?.provider && RESIGNABLE_PROVIDERS.includes(capture.provider)) {
        const secret = await secrets.lookup(capture.provider, routeOf(capture.url));
        const resign =
          options.resign ??
          (secret !== undefined &&
            (await vscode.window.showInformationMessage(
              vscode.l10n.t('Re-sign this {0} request with fresh timestamps, so the target accepts the edited body?', capture.provider),
              vscode.l10n.t('Re-sign and Send'),
              vscode.l10n.t('Send as Is'),
            )) === vscode.l10n.t('Re-sign and Send'));
        if (resign) {
          if (secret === undefined) throw new Error(vscode.l10n.t('No {0} signing secret is set; set one to re-sign.', capture.provider));
          const signed = resignRequest({ ...request, url: target.pathname + target.search }, capture.provider, secret, Date.now(), { targetUrl: target.toString() });
          request = { ...request, rawHeaders: signed.rawHeaders, body: signed.body, url: new URL(signed.url, target).toString() };
        }
      }
      const result: ForwardResult = await resendRequest(request);
      if (capture) await store.attachForwardResult(capture.id, result);
      const label = forwardLabel(summarizeForward(result, Date.now()));
      log.info(`Sent ${request.method} ${request.url}: ${label}`);
      void vscode.window.showInformationMessage(`${request.method} ${request.url} ${label}`, ...(result.ok ? [vscode.l10n.t('Show Response')] : [])).then(async (choice) => {
        if (choice !== vscode.l10n.t('Show Response') || !result.ok) return;
        const text = [`HTTP ${result.status}`, ...result.headers.map(([n, v]) => `${n}: ${v}`), '', result.bodyExcerpt].join('\n');
        await vscode.window.showTextDocument(await vscode.workspace.openTextDocument({ content: text, language: 'http' }), vscode.ViewColumn.Beside);
      });
      return result;
    }, log),
  ];
}
