import * as vscode from 'vscode';

const KEY_PREFIX = 'webhookWorkbench.signingSecret';
const INDEX_KEY = 'webhookWorkbench.signingSecretIndex';

/** Where a signing secret applies: every route of a provider, or one route only. */
export interface SecretScope {
  provider: string;
  /** A URL path such as `/hooks/stripe`; absent for all routes. */
  route?: string;
}

/**
 * Signing secrets in VS Code's SecretStorage under typed keys. Values never leave this class except
 * to the verifier; the list of which scopes have a secret (names only) is kept in global state so
 * "Clear Signing Secret" can offer them.
 */
export class SigningSecrets implements vscode.Disposable {
  private readonly _onDidChange = new vscode.EventEmitter<void>();
  readonly onDidChange = this._onDidChange.event;
  private readonly subscription: vscode.Disposable;

  constructor(
    private readonly storage: vscode.SecretStorage,
    private readonly state: vscode.Memento,
  ) {
    this.subscription = storage.onDidChange((e) => {
      if (e.key.startsWith(KEY_PREFIX)) this._onDidChange.fire();
    });
  }

  /** The secret for a delivery to `route`: the route's own secret first, then the provider-wide one. */
  async lookup(provider: string, route?: string): Promise<string | undefined> {
    const own = route ? await this.storage.get(keyOf({ provider, route })) : undefined;
    return own ?? (await this.storage.get(keyOf({ provider })));
  }

  async set(scope: SecretScope, secret: string): Promise<void> {
    await this.storage.store(keyOf(scope), secret);
    const scopes = this.scopes().filter((s) => keyOf(s) !== keyOf(scope));
    await this.state.update(INDEX_KEY, [...scopes, scope]);
  }

  async clear(scope: SecretScope): Promise<void> {
    await this.storage.delete(keyOf(scope));
    await this.state.update(INDEX_KEY, this.scopes().filter((s) => keyOf(s) !== keyOf(scope)));
  }

  /** Which scopes have a secret (never the values). */
  scopes(): SecretScope[] {
    return this.state.get<SecretScope[]>(INDEX_KEY, []);
  }

  dispose(): void {
    this.subscription.dispose();
    this._onDidChange.dispose();
  }
}

function keyOf(scope: SecretScope): string {
  return scope.route ? `${KEY_PREFIX}.${scope.provider}@${scope.route}` : `${KEY_PREFIX}.${scope.provider}`;
}

export function describeScope(scope: SecretScope, providerName: string): string {
  return scope.route ? vscode.l10n.t('{0} on {1}', providerName, scope.route) : vscode.l10n.t('{0} (all routes)', providerName);
}
