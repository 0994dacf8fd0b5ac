import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { readJson, REPO } from './manifestFiles';

/** Every `%key%` placeholder in a JSON value. */
function placeholders(value: unknown, found = new Set<string>()): Set<string> {
  if (typeof value === 'string') for (const [, key] of value.matchAll(/^%([^%\s]+)%$/g)) found.add(key);
  else if (Array.isArray(value)) for (const item of value) placeholders(item, found);
  else if (value && typeof value === 'object') for (const item of Object.values(value)) placeholders(item, found);
  return found;
}

function hostSources(): string[] {
  const files = fs.readdirSync(path.join(REPO, 'src', 'host'), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
  return [...files.map((f) => path.join(REPO, 'src', 'host', f)), path.join(REPO, 'src', 'extension.ts')];
}

/** The messages of `vscode.l10n.t('…')` calls, unescaped as the runtime sees them. */
function l10nMessages(source: string): string[] {
  return [...source.matchAll(/vscode\.l10n\.t\(\s*'((?:[^'\\]|\\.)*)'/g)].map(([, literal]) =>
    JSON.parse(`"${literal.replace(/\\'/g, "'").replace(/"/g, '\\"')}"`) as string,
  );
}

describe('Localization', () => {
  it('every %key% of package.json is in package.nls.json, and every key there is used', () => {
    const manifest = readJson('package.json');
    const nls = readJson<Record<string, string>>('package.nls.json');
    const used = placeholders(manifest);
    assert.ok(used.size > 50, `package.json goes through package.nls.json (${used.size} keys)`);
    for (const key of used) assert.equal(typeof nls[key], 'string', `package.nls.json has "${key}"`);
    for (const key of Object.keys(nls)) assert.ok(used.has(key), `"${key}" is used in package.json`);
  });

  it('the user-visible texts of package.json are placeholders, not English', () => {
    const { contributes, displayName, description } = readJson('package.json');
    const texts = [displayName, description, ...contributes.commands.map((c: { title: string }) => c.title), ...contributes.viewsWelcome.map((w: { contents: string }) => w.contents)];
    for (const text of texts) assert.match(text, /^%[^%]+%$/);
  });

  it('every vscode.l10n.t message in the host is in l10n/bundle.l10n.json (npm run l10n), and the bundle has no stale ones', () => {
    const bundle = readJson<Record<string, string>>('l10n/bundle.l10n.json');
    const messages = new Set(hostSources().flatMap((file) => l10nMessages(fs.readFileSync(file, 'utf8'))));
    assert.ok(messages.size > 100, `the host's messages go through vscode.l10n.t (${messages.size})`);
    for (const message of messages) assert.ok(message in bundle, `bundle.l10n.json has ${JSON.stringify(message)}`);
    for (const message of Object.keys(bundle)) assert.ok(messages.has(message), `${JSON.stringify(message)} is still used`);
  });

  it('messages take placeholders ({0}), never template literals, and the manifest points at the bundle', () => {
    for (const file of hostSources()) {
      const source = fs.readFileSync(file, 'utf8');
      assert.doesNotMatch(source, /vscode\.l10n\.t\(\s*`/, `${path.relative(REPO, file)} passes a template literal to vscode.l10n.t`);
    }
    assert.equal(readJson('package.json').l10n, './l10n');
  });
});
