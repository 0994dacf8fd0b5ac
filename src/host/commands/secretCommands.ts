import * as vscode from 'vscode';
import type { CaptureStore, Logger, ProviderInfo } from '../../core';
import { providerCatalog, routeOf } from '../../core';
import { CommandIds } from '../commandIds';
import type { SignatureService } from '../signatures/signatureService';
import type { SecretScope, SigningSecrets } from '../signatures/signingSecrets';
import { describeScope } from '../signatures/signingSecrets';
import type { CaptureTreeNode } from '../views/captureTreeItems';
import { registerCommand } from './registerCommand';

/** Secrets the receiver needs to answer verification handshakes, not to check signatures. */
const HANDSHAKE_SECRETS: ProviderInfo[] = [
  { id: 'zoom', name: 'Zoom (URL validation)', secretName: 'the secret token of your Zoom app' },
  { id: 'meta', name: 'Meta (verify token)', secretName: 'the verify token you entered in the Meta app dashboard' },
];

/** What "Set Signing Secret" may be started with: nothing, a tree node, or the payload view's request. */
type SetSecretArgument = CaptureTreeNode | { provider?: string; captureId?: string } | undefined;

export function registerSecretCommands(
  store: CaptureStore,
  secrets: SigningSecrets,
  signatures: SignatureService,
  log: Logger,
): vscode.Disposable[] {
  const catalog = (): ProviderInfo[] => [...providerCatalog(signatures.customProviders), ...HANDSHAKE_SECRETS];
  const nameOf = (id: string) => catalog().find((p) => p.id === id)?.name ?? id;

  const pickProvider = async (suggested: string | undefined): Promise<ProviderInfo | undefined> => {
    const providers = catalog();
    const known = suggested && providers.find((p) => p.id === suggested);
    if (known) return known;
    const choice = await vscode.window.showQuickPick(
      providers.map((p) => ({ label: p.name, description: p.id, detail: `Enter ${p.secretName}`, provider: p })),
      { title: 'Set Signing Secret (1/3): Provider', placeHolder: 'Which provider signs these webhooks?', matchOnDescription: true },
    );
    return choice?.provider;
  };

  const pickScope = async (provider: ProviderInfo, route: string | undefined): Promise<SecretScope | undefined> => {
    if (!route) return { provider: provider.id };
    const choice = await vscode.window.showQuickPick(
      [
        { label: `All ${provider.name} routes`, scope: { provider: provider.id } },
        { label: `Only ${route}`, description: 'when this route has its own secret', scope: { provider: provider.id, route } },
      ],
      { title: 'Set Signing Secret (2/3): Scope', placeHolder: `Use the secret for every ${provider.name} route, or only this one?` },
    );
    return choice?.scope;
  };

  return [
    registerCommand(CommandIds.setSigningSecret, async (argument?: SetSecretArgument) => {
      const captureId = argument && 'kind' in argument ? (argument.kind === 'capture' ? argument.summary.id : undefined) : argument?.captureId;
      const summary = captureId ? store.get(captureId) : undefined;
      const suggested = argument && !('kind' in argument) ? argument.provider : summary?.provider;
      const provider = await pickProvider(suggested);
      if (!provider) return;
      const scope = await pickScope(provider, summary ? routeOf(summary.url) : undefined);
      if (!scope) return;
      const secret = await vscode.window.showInputBox({
        title: `Set Signing Secret (3/3): ${describeScope(scope, provider.name)}`,
        prompt: `Paste ${provider.secretName}. It is kept in VS Code's secret storage, never in settings or logs.`,
        password: true,
        ignoreFocusOut: true,
        validateInput: (value) => (value.trim() ? undefined : 'The secret cannot be empty.'),
      });
      if (secret === undefined) return;
      await secrets.set(scope, secret.trim());
      log.info(`Signing secret set for ${describeScope(scope, provider.name)}.`);
      void vscode.window.setStatusBarMessage(`$(key) Signing secret saved for ${describeScope(scope, provider.name)}; badges updated`, 4000);
    }, log),
    registerCommand(CommandIds.clearSigningSecret, async () => {
      const scopes = secrets.scopes();
      if (!scopes.length) {
        void vscode.window.showInformationMessage('No signing secrets are set.');
        return;
      }
      const choice = await vscode.window.showQuickPick(
        scopes.map((scope) => ({ label: describeScope(scope, nameOf(scope.provider)), scope })),
        { title: 'Clear Signing Secret', placeHolder: 'Which secret should be forgotten?' },
      );
      if (!choice) return;
      await secrets.clear(choice.scope);
      log.info(`Signing secret cleared for ${choice.label}.`);
    }, log),
  ];
}
