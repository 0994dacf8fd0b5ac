import * as vscode from 'vscode';
import type { CaptureStore, EndpointCheckReport, Logger } from '../../core';
import { providerCatalog } from '../../core';
import { CommandIds } from '../commandIds';
import { registerCommand } from '../commands/registerCommand';
import type { ForwardingController } from '../forwarding/forwardingController';
import type { SignatureService } from '../signatures/signatureService';
import { httpUrlProblem } from '../testEvents/testEventTargets';
import type { CaptureTreeNode } from '../views/captureTreeItems';
import type { EndpointCheckController } from './endpointCheckController';
import { readEndpointSettings, saveEndpoint } from './endpointSettings';

/** Answers the questions up front, for scripted use (tests, other extensions). */
export interface RunCheckOptions {
  url?: string;
  provider?: string;
}

export function registerCheckCommands(
  store: CaptureStore,
  signatures: SignatureService,
  forwarding: ForwardingController,
  checks: EndpointCheckController,
  log: Logger,
): vscode.Disposable[] {
  /** The provider a node's captures come from, else the one most captures come from. */
  const suggestedProvider = (node: CaptureTreeNode | undefined): string | undefined => {
    const summaries = node?.kind === 'route' ? node.captures : node?.kind === 'capture' ? [node.summary] : store.list();
    const counts = new Map<string, number>();
    for (const s of summaries) if (s.provider) counts.set(s.provider, (counts.get(s.provider) ?? 0) + 1);
    return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
  };

  return [
    registerCommand(CommandIds.runEndpointCheck, async (node?: CaptureTreeNode, _selected?: CaptureTreeNode[], options: RunCheckOptions = {}): Promise<EndpointCheckReport | undefined> => {
      const configured = readEndpointSettings().endpoints;
      const url = options.url ?? (await vscode.window.showInputBox({
        title: vscode.l10n.t('Run Endpoint Check (1/2): Your handler’s URL'),
        prompt: vscode.l10n.t('The check sends real, signed deliveries to it: valid, tampered, stale, duplicated, malformed.'),
        value: forwarding.target ?? configured[configured.length - 1]?.url ?? 'http://localhost:3000/webhooks',
        validateInput: httpUrlProblem,
      }));
      if (!url) return undefined;
      const problem = httpUrlProblem(url);
      if (problem) throw new Error(problem);
      let provider = options.provider;
      if (provider === undefined) {
        const suggested = suggestedProvider(node);
        const catalog = providerCatalog(signatures.customProviders);
        const items = catalog.map((p) => ({ label: p.name, description: p.id === suggested ? vscode.l10n.t('{0} · detected from the captures', p.id) : p.id, id: p.id }));
        items.sort((a, b) => Number(b.id === suggested) - Number(a.id === suggested));
        provider = (await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Run Endpoint Check (2/2): Provider'), placeHolder: vscode.l10n.t('Which provider does this handler receive from?'), matchOnDescription: true }))?.id;
        if (!provider) return undefined;
      }
      const existing = configured.find((e) => e.url === url && e.provider === provider);
      if (!existing) {
        await saveEndpoint({ url, provider });
        log.info(`Added ${url} (${provider}) to webhookWorkbench.endpointCheck.endpoints.`);
      }
      await checks.reload();
      const item = await checks.itemFor({ url, provider });
      if (!item) throw new Error(vscode.l10n.t('The endpoint {0} could not be added to the Testing view.', url));
      const [report] = await checks.runItems([item]);
      if (report) {
        const count = (status: string) => report.results.filter((r) => r.status === status).length;
        const text = vscode.l10n.t('Endpoint check of {0}: {1} passed, {2} failed, {3} not applicable.', url, count('pass') + count('warn'), count('fail'), count('not-applicable'));
        const show = report.outcome === 'fail' ? vscode.window.showWarningMessage : vscode.window.showInformationMessage;
        void show(text, vscode.l10n.t('Show in Testing View')).then((choice) => {
          if (choice) void vscode.commands.executeCommand('workbench.view.testing.focus');
        });
      }
      return report;
    }, log),
  ];
}
