import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { readJson, REPO } from './manifestFiles';

describe('The marketplace manifest', () => {
  const manifest = readJson('package.json');

  it('has a 128×128 PNG icon that is packaged', () => {
    const png = fs.readFileSync(path.join(REPO, manifest.icon));
    assert.equal(png.subarray(1, 4).toString('latin1'), 'PNG');
    // IHDR: width and height, big-endian, at bytes 16 and 20.
    assert.deepEqual([png.readUInt32BE(16), png.readUInt32BE(20)], [128, 128]);
    assert.match(manifest.icon, /^media\//, '.vscodeignore packs media/**');
  });

  it('names its repository, issues and home page, all on the same GitHub project', () => {
    const project = 'https://github.com/webhook-workbench/webhook-workbench';
    assert.deepEqual(manifest.repository, { type: 'git', url: project });
    assert.equal(manifest.bugs.url, `${project}/issues`);
    assert.ok(manifest.homepage.startsWith(project));
  });

  it('is in categories that say what it is for', () => {
    assert.deepEqual(manifest.categories, ['Testing', 'Other']);
  });
});
