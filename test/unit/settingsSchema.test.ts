import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { SETTINGS, SETTINGS_SECTION } from '../../src/host/settings/settingsSchema';

interface ContributedSetting {
  type: string | string[];
  default?: unknown;
}

/** package.json as shipped: the Settings editor shows these keys, types and defaults. */
function contributedSettings(): Record<string, ContributedSetting> {
  const manifest = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', '..', 'package.json'), 'utf8')) as {
    contributes: { configuration: { properties: Record<string, ContributedSetting> } | Array<{ properties: Record<string, ContributedSetting> }> };
  };
  const sections = [manifest.contributes.configuration].flat();
  return Object.assign({}, ...sections.map((s) => s.properties)) as Record<string, ContributedSetting>;
}

describe('settings schema', () => {
  const contributed = contributedSettings();

  it('names exactly the settings package.json contributes', () => {
    const fromManifest = Object.keys(contributed).sort();
    const fromSchema = Object.keys(SETTINGS).map((key) => `${SETTINGS_SECTION}.${key}`).sort();
    assert.deepEqual(fromSchema, fromManifest);
  });

  for (const [key, spec] of Object.entries(SETTINGS)) {
    it(`${key}: same type and default as package.json`, () => {
      const declared = contributed[`${SETTINGS_SECTION}.${key}`];
      assert.ok(declared, `${key} is not in package.json`);
      assert.equal(declared.type, spec.type);
      assert.deepEqual(declared.default, spec.default);
    });
  }
});
