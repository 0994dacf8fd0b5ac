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
const handshakeSecrets = (): ProviderInfo[] => [
  { id: 'zoom', name: vscode.l10n.t('Zoom (URL validation)'), secretName: vscode.l10n.t('the secret token of your Zoom app') },
  { id: 'meta', name: vscode.l10n.t('Meta (verify token)'), secretName: vscode.l10n.t('the verify token you entered in the Meta app dashboard') },
];

/** What "Set Signing Secret" may be started with: nothing, a tree node, or the payload view's request. */
type SetSecretArgument = CaptureTreeNode | { provider?: string; captureId?: string } | undefined;

export function registerSecretCommands(
  store: CaptureStore,
  secrets: SigningSecrets,
  signatures: SignatureService,
  log: Logger,
): vscode.Disposable[] {
  const catalog = (): ProviderInfo[] => [...providerCatalog(signatures.customProviders), ...handshakeSecrets()];
  const nameOf = (id: string) => catalog().find((p) => p.id === id)?.name ?? id;

  const pickProvider = async (suggested: string | undefined): Promise<ProviderInfo | undefined> => {
    const providers = catalog();
    const known = suggested && providers.find((p) => p.id === suggested);
    if (known) return known;
    const choice = await vscode.window.showQuickPick(
      providers.map((p) => ({ label: p.name, description: p.id, detail: vscode.l10n.t('Enter {0}', p.secretName), provider: p })),
      { title: vscode.l10n.t('Set Signing Secret (1/3): Provider'), placeHolder: vscode.l10n.t('Which provider signs these webhooks?'), matchOnDescription: true },
    );
    return choice?.provider;
  };

  const pickScope = async (provider: ProviderInfo, route: string | undefined): Promise<SecretScope | undefined> => {
    if (!route) return { provider: provider.id };
    const choice = await vscode.window.showQuickPick(
      [
        { label: vscode.l10n.t('All {0} routes', provider.name), scope: { provider: provider.id } },
        { label: vscode.l10n.t('Only {0}', route), description: vscode.l10n.t('when this route has its own secret'), scope: { provider: provider.id, route } },
      ],
      { title: vscode.l10n.t('Set Signing Secret (2/3): Scope'), placeHolder: vscode.l10n.t('Use the secret for every {0} route, or only this one?', provider.name) },
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
        title: vscode.l10n.t('Set Signing Secret (3/3): {0}', describeScope(scope, provider.name)),
        prompt: vscode.l10n.t('Paste {0}. It is kept in VS Code\'s secret storage, never in settings or logs.', provider.secretName),
        password: true,
        ignoreFocusOut: true,
        validateInput: (value) => (value.trim() ? undefined : vscode.l10n.t('The secret cannot be empty.')),
      });
      if (secret === undefined) return;
      await secrets.set(scope, secret.trim());
      log.info(`Signing secret set for ${describeScope(scope, provider.name)}.`);
      void vscode.window.setStatusBarMessage(vscode.l10n.t('$(key) Signing secret saved for {0}; badges updated', describeScope(scope, provider.name)), 4000);
    }, log),
    registerCommand(CommandIds.clearSigningSecret, async () => {
      const scopes = secrets.scopes();
      if (!scopes.length) {
        void vscode.window.showInformationMessage(vscode.l10n.t('No signing secrets are set.'));
        return;
      }
      const choice = await vscode.window.showQuickPick(
        scopes.map((scope) => ({ label: describeScope(scope, nameOf(scope.provider)), scope })),
        { title: vscode.l10n.t('Clear Signing Secret'), placeHolder: vscode.l10n.t('Which secret should be forgotten?') },
      );
      if (!choice) return;
      await secrets.clear(choice.scope);
      log.info(`Signing secret cleared for ${choice.label}.`);
    }, log),
  ];
}
