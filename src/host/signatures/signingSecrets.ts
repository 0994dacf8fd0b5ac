import * as vscode from 'vscode';
import { DisposableBase } from '../../core';

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
 *
 * Values read are kept in memory (never written anywhere else), so a delivery can be verified the
 * moment it arrives, while its body is still in memory, without a round trip to the window per
 * delivery. The cache follows set/clear at once and is dropped whenever SecretStorage says a secret
 * changed (another window, say).
 */
export class SigningSecrets extends DisposableBase implements vscode.Disposable {
  private readonly _onDidChange = this._register(new vscode.EventEmitter<void>());
  readonly onDidChange = this._onDidChange.event;
  /** Storage key → its value (undefined: read, and there is none). */
  private readonly cache = new Map<string, string | undefined>();
  /** Bumped by every change: a read that started before one is not cached. */
  private generation = 0;

  constructor(
    private readonly storage: vscode.SecretStorage,
    private readonly state: vscode.Memento,
  ) {
    super();
    this._register(
      storage.onDidChange((e) => {
        if (!e.key.startsWith(KEY_PREFIX)) return;
        this.forget();
        this._onDidChange.fire();
      }),
    );
  }

  /** The secret for a delivery to `route`: the route's own secret first, then the provider-wide one. */
  async lookup(provider: string, route?: string): Promise<string | undefined> {
    const own = route ? await this.read(keyOf({ provider, route })) : undefined;
    return own ?? (await this.read(keyOf({ provider })));
  }

  /** lookup() from memory alone: `unknown` when a secret it needs has not been read yet. */
  lookupCached(provider: string, route?: string): string | undefined | typeof UNKNOWN {
    const ownKey = route ? keyOf({ provider, route }) : undefined;
    if (ownKey !== undefined) {
      if (!this.cache.has(ownKey)) return UNKNOWN;
      const own = this.cache.get(ownKey);
      if (own !== undefined) return own;
    }
    const key = keyOf({ provider });
    return this.cache.has(key) ? this.cache.get(key) : UNKNOWN;
  }

  async set(scope: SecretScope, secret: string): Promise<void> {
    this.forget();
    await this.storage.store(keyOf(scope), secret);
    this.forget();
    this.cache.set(keyOf(scope), secret);
    const scopes = this.scopes().filter((s) => keyOf(s) !== keyOf(scope));
    await this.state.update(INDEX_KEY, [...scopes, scope]);
  }

  async clear(scope: SecretScope): Promise<void> {
    this.forget();
    await this.storage.delete(keyOf(scope));
    this.forget();
    this.cache.set(keyOf(scope), undefined);
    await this.state.update(INDEX_KEY, this.scopes().filter((s) => keyOf(s) !== keyOf(scope)));
  }

  /** Which scopes have a secret (never the values). */
  scopes(): SecretScope[] {
    return this.state.get<SecretScope[]>(INDEX_KEY, []);
  }

  override dispose(): void {
    super.dispose();
    this.cache.clear();
  }

  private async read(key: string): Promise<string | undefined> {
    if (this.cache.has(key)) return this.cache.get(key);
    const generation = this.generation;
    const value = await this.storage.get(key);
    if (generation === this.generation) this.cache.set(key, value);
    return value;
  }

  private forget(): void {
    this.cache.clear();
    this.generation += 1;
  }
}

/** What lookupCached() says when it would have to ask SecretStorage. */
export const UNKNOWN: unique symbol = Symbol('not read yet');

function keyOf(scope: SecretScope): string {
  return scope.route ? `${KEY_PREFIX}.${scope.provider}@${scope.route}` : `${KEY_PREFIX}.${scope.provider}`;
}

export function describeScope(scope: SecretScope, providerName: string): string {
  return scope.route ? vscode.l10n.t('{0} on {1}', providerName, scope.route) : vscode.l10n.t('{0} (all routes)', providerName);
}
