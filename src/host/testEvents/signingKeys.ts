import * as vscode from 'vscode';
import type { Logger, ProviderDefinition } from '../../core';
import { routeOf } from '../../core';
import { CommandIds } from '../commandIds';
import type { SigningSecrets } from '../signatures/signingSecrets';

const TEST_KEY_PREFIX = 'webhookWorkbench.testPrivateKey.';

/** Thrown when nothing to sign with is set; the message says how to set it. */
export class MissingSecretError extends Error {
  constructor(readonly provider: ProviderDefinition) {
    super(vscode.l10n.t('No {0} signing secret is set. Set {1} with "Webhooks: Set Signing Secret…" to sign test deliveries.', provider.name, provider.secret.description));
    this.name = 'MissingSecretError';
  }
}

/**
 * What test deliveries are signed with: the signing secret the user set (the handler verifies with
 * the same), or, for providers that sign with a private key of their own (Discord, SendGrid), a local
 * test key pair made on first use. Its private half stays in SecretStorage; its public half is what
 * the handler under test must be configured with, and is shown when the pair is made.
 */
export class SigningKeys {
  constructor(
    private readonly secrets: SigningSecrets,
    private readonly storage: vscode.SecretStorage,
    private readonly log: Logger,
  ) {}

  /**
   * The key for a delivery to `url`: the secret set for `route` (a capture's route) or for the URL's
   * path, else the provider's; throws MissingSecretError when no shared secret is set.
   */
  async keyFor(definition: ProviderDefinition, url: string, route?: string): Promise<string> {
    const { signing } = definition;
    if (signing.kind === 'secret') {
      const secret = (route !== undefined ? await this.secrets.lookup(definition.id, route) : undefined)
        ?? (await this.secrets.lookup(definition.id, routeOf(new URL(url).pathname)));
      if (!secret) throw new MissingSecretError(definition);
      return secret;
    }
    const stored = await this.storage.get(TEST_KEY_PREFIX + definition.id);
    if (stored) return stored;
    const pair = signing.testKeys.generate();
    await this.storage.store(TEST_KEY_PREFIX + definition.id, pair.privateKey);
    this.log.info(`Made a ${signing.testKeys.algorithm} test key pair for ${definition.name}; its public key is ${pair.publicKey}.`);
    void vscode.window
      .showInformationMessage(
        vscode.l10n.t('{0} signs with its own private key, so test deliveries are signed with a local test key. Configure your handler with this public key while testing ({1}): {2}', definition.name, signing.testKeys.publicKeyDescription, pair.publicKey),
        vscode.l10n.t('Copy Public Key'),
      )
      .then((choice) => {
        if (choice) void vscode.env.clipboard.writeText(pair.publicKey);
      });
    return pair.privateKey;
  }

  /** The public half of a provider's test key, if one was made. */
  async testPublicKey(definition: ProviderDefinition): Promise<string | undefined> {
    if (definition.signing.kind !== 'private-key') return undefined;
    const stored = await this.storage.get(TEST_KEY_PREFIX + definition.id);
    return stored ? definition.signing.testKeys.publicKeyOf(stored) : undefined;
  }
}

/** Offers "Set Signing Secret…" when a command failed for want of one. */
export async function offerToSetSecret(error: MissingSecretError): Promise<void> {
  const choice = await vscode.window.showWarningMessage(error.message, vscode.l10n.t('Set Signing Secret…'));
  if (choice) await vscode.commands.executeCommand(CommandIds.setSigningSecret, { provider: error.provider.id });
}
