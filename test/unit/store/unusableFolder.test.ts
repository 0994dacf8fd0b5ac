import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CaptureStore } from '../../../src/core';
import type { StoreHealth } from '../../../src/core';
import { delivery } from '../../support/deliveries';
import { recordingLogger } from '../../support/recordingLogger';
import type { StoreProbeResult } from '../../support/storeProbe';
import { bodyFiles, journalOf } from '../../support/storeFiles';
import { useTempFolder } from '../../support/tempFolder';

const PROBE = path.join(__dirname, '..', '..', 'support', 'storeProbe.js');
/** `nobody` on Debian and most Linux systems. */
const UNPRIVILEGED = 65534;
const runningAsRoot = process.getuid?.() === 0;

/**
 * Makes `folder` read-only with chmod and opens it in another process. Root writes through file
 * modes, so when the tests run as root that process runs as an unprivileged user, for whom they hold.
 */
async function openReadOnly(folder: string): Promise<StoreProbeResult> {
  for (const file of fs.readdirSync(folder)) fs.chmodSync(path.join(folder, file), 0o444);
  fs.chmodSync(folder, 0o555);
  // The unprivileged user must be able to reach the folder through its (private) temp parent.
  if (runningAsRoot) fs.chmodSync(path.dirname(folder), 0o711);
  try {
    const stdout = await new Promise<string>((resolve, reject) =>
      execFile(process.execPath, [PROBE, folder], runningAsRoot ? { uid: UNPRIVILEGED, gid: UNPRIVILEGED } : {}, (error, out, err) =>
        error ? reject(new Error(`${error.message}\n${err}`)) : resolve(out),
      ),
    );
    return JSON.parse(stdout) as StoreProbeResult;
  } finally {
    fs.chmodSync(folder, 0o755);
    for (const file of fs.readdirSync(folder)) fs.chmodSync(path.join(folder, file), 0o644);
  }
}

describe('CaptureStore in a folder it cannot use', () => {
  const parent = useTempFolder();

  it(`opens a read-only folder with a torn last line read-only: every intact capture readable, nothing changed (${runningAsRoot ? 'as an unprivileged user' : 'chmod'})`, async () => {
    const folder = path.join(parent(), 'captures');
    const store = await CaptureStore.open({ folder, retention: 10_000 });
    const summaries = await Promise.all(Array.from({ length: 999 }, (_, i) => store.append(delivery({ body: Buffer.from(`{"n":${i}}`) }))));
    await store.close();
    fs.appendFileSync(journalOf(folder), '{"k":"add","seq":1000,"at":1,"m":"POST","u":"/to');
    const journalBefore = fs.readFileSync(journalOf(folder));
    const filesBefore = fs.readdirSync(folder).sort();

    const result = await openReadOnly(folder);
    assert.equal(result.health.access, 'read-only');
    assert.match(result.health.accessProblem ?? '', /permission denied \(EACCES\)/);
    assert.match(result.health.findings.join(' '), /Ignored 1 unreadable line at the end of the journal/);
    assert.equal(Object.keys(result.bodies).length, 999);
    summaries.forEach((s, i) => assert.equal(result.bodies[s.id], `{"n":${i}}`));
    assert.match(result.appendError ?? '', /^Captures cannot be saved: .*permission denied \(EACCES\)/);
    assert.deepEqual(fs.readFileSync(journalOf(folder)), journalBefore, 'the journal is left as it was');
    assert.deepEqual(fs.readdirSync(folder).sort(), filesBefore);
  });

  for (const [what, place] of [
    ['a file where the folder should be', (root: string) => (fs.writeFileSync(path.join(root, 'captures'), 'not a folder'), path.join(root, 'captures'))],
    ['a file where a parent folder should be', (root: string) => (fs.writeFileSync(path.join(root, 'storage'), 'not a folder'), path.join(root, 'storage', 'captures'))],
    ['a folder where the journal should be', (root: string) => (fs.mkdirSync(path.join(root, 'captures', 'journal.jsonl'), { recursive: true }), path.join(root, 'captures'))],
  ] as const) {
    it(`opens with ${what} as unavailable, says why, and moves to a fresh folder on request`, async () => {
      const folder = place(parent());
      const logger = recordingLogger();
      const store = await CaptureStore.open({ folder, retention: 100, logger });
      assert.equal(store.health.access, 'unavailable');
      assert.match(store.health.accessProblem ?? '', /is a file, not a folder \((EEXIST|ENOTDIR)\)|is a folder, not a file \(EISDIR\)/);
      assert.equal(store.size, 0);
      await assert.rejects(store.append(delivery()), /^Error: Captures cannot be saved: /);
      await assert.rejects(store.clear(), /Captures cannot be saved/);
      assert.deepEqual(logger.lines.map((l) => l.level), ['warn']);
      assert.match(logger.lines[0].message, /Cannot be opened: /);

      const events: string[] = [];
      store.onDidClear(() => events.push('clear'));
      store.onDidChangeHealth((h: StoreHealth) => events.push(`health:${h.access}`));
      const fresh = path.join(parent(), 'fresh');
      await store.useFolder(fresh);
      assert.deepEqual(events, ['clear', 'health:read-write']);
      assert.equal(store.folder, fresh);
      const added = await store.append(delivery({ body: Buffer.from('kept') }));
      assert.equal(Buffer.from((await store.readBody(added.id))!).toString(), 'kept');
      await store.close();
      assert.deepEqual(bodyFiles(fresh), ['bodies-000001.bin']);
    });
  }
});
