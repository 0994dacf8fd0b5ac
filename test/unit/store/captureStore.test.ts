import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CaptureStore } from '../../../src/core';
import type { CaptureSummary, Logger } from '../../../src/core';
import { delivery } from '../../support/deliveries';
import { bodyFiles } from '../../support/storeFiles';
import { useTempFolder } from '../../support/tempFolder';

function recordingLogger(): Logger & { warnings: string[] } {
  const warnings: string[] = [];
  return { warnings, trace() {}, debug() {}, info() {}, warn: (m: string) => void warnings.push(m), error: (m: string | Error) => void warnings.push(String(m)) };
}

describe('CaptureStore', () => {
  const folder = useTempFolder();

  it('appends a delivery and reads back every field byte-exact', async () => {
    const store = await CaptureStore.open({ folder: folder(), retention: 100 });
    const body = Buffer.from([0, 255, 1, 128, 10, 13]);
    const rawHeaders = ['X-Thing', 'a', 'content-type', 'application/octet-stream', 'x-thing', 'b'];
    const summary = await store.append(delivery({ body, rawHeaders, method: 'PUT', url: '/a/b?c=%20d' }));
    const capture = await store.read(summary.id);
    assert.ok(capture);
    assert.deepEqual(Buffer.from(capture.body), body);
    assert.deepEqual(capture.rawHeaders, rawHeaders);
    assert.deepEqual(capture.headers['x-thing'], ['a', 'b']);
    assert.equal(capture.method, 'PUT');
    assert.equal(capture.url, '/a/b?c=%20d');
    assert.equal(capture.bodySize, 6);
    await store.close();
  });

  it('finds a capture only by its id exactly as given', async () => {
    const store = await CaptureStore.open({ folder: folder(), retention: 100 });
    const { id, seq } = await store.append(delivery());
    assert.equal(store.get(id)?.seq, seq);
    for (const other of [String(seq), ` ${id}`, `${id}.0`, '', 'nope']) assert.equal(store.get(other), undefined, JSON.stringify(other));
    assert.equal(await store.read(String(seq)), undefined);
    await store.close();
  });

  it('keeps captures across a reopen, in order, with unique ordered ids', async () => {
    const first = await CaptureStore.open({ folder: folder(), retention: 100 });
    const ids: string[] = [];
    for (let i = 0; i < 20; i++) ids.push((await first.append(delivery({ body: Buffer.from(`{"n":${i}}`) }))).id);
    await first.close();
    const second = await CaptureStore.open({ folder: folder(), retention: 100 });
    assert.deepEqual(second.list().map((s) => s.id), ids);
    assert.deepEqual([...ids].sort(), ids);
    assert.equal(Buffer.from((await second.readBody(ids[7]))!).toString(), '{"n":7}');
    const next = await second.append(delivery());
    assert.ok(next.id > ids[ids.length - 1], 'a new id sorts after every earlier one');
    await second.close();
  });

  it('fires typed events for added, removed and cleared', async () => {
    const store = await CaptureStore.open({ folder: folder(), retention: 100 });
    const added: CaptureSummary[] = [];
    const removed: string[] = [];
    let cleared = 0;
    store.onDidAdd((s) => added.push(s));
    store.onDidRemove((r) => removed.push(...r.summaries.map((s) => `${r.reason}:${s.id}`)));
    store.onDidClear(() => cleared++);
    const a = await store.append(delivery());
    await store.append(delivery());
    await store.delete([a.id]);
    await store.clear();
    assert.equal(added.length, 2);
    assert.deepEqual(removed, [`deleted:${a.id}`]);
    assert.equal(cleared, 1);
    assert.equal(store.size, 0);
    await store.close();
  });

  it('keeps the labels it is given, and marks a redelivery as a duplicate of the first', async () => {
    const store = await CaptureStore.open({ folder: folder(), retention: 100 });
    const github = (id: string) => delivery({ rawHeaders: ['X-GitHub-Event', 'push', 'X-GitHub-Delivery', id], event: 'push', provider: 'github', deliveryId: id });
    const first = await store.append(github('d-1'));
    const other = await store.append(github('d-2'));
    const retry = await store.append(github('d-1'));
    const unlabelled = await store.append(delivery({ rawHeaders: ['X-GitHub-Event', 'push', 'X-GitHub-Delivery', 'd-1'] }));
    assert.deepEqual([first.provider, first.event, first.deliveryId], ['github', 'push', 'd-1']);
    assert.deepEqual([unlabelled.provider, unlabelled.event, unlabelled.deliveryId], [undefined, undefined, undefined], 'the store labels nothing itself');
    assert.equal(store.duplicateOf(retry.id), first.id);
    assert.equal(store.duplicateOf(first.id), undefined);
    assert.equal(store.duplicateOf(other.id), undefined);
    assert.equal(store.duplicateOf(unlabelled.id), undefined);
    await store.close();
    const reopened = await CaptureStore.open({ folder: folder(), retention: 100 });
    assert.equal(reopened.get(retry.id)?.deliveryId, 'd-1');
    assert.equal(reopened.duplicateOf(retry.id), first.id, 'duplicates are known again after a reopen');
    await reopened.delete([first.id]);
    assert.equal(reopened.duplicateOf(retry.id), undefined, 'with the original gone, the retry is the original');
    await reopened.clear();
    assert.equal(reopened.duplicateOf(retry.id), undefined);
    await reopened.close();
  });

  it('recovers a truncated journal tail with a warning and loses nothing before it', async () => {
    const store = await CaptureStore.open({ folder: folder(), retention: 100 });
    for (let i = 0; i < 5; i++) await store.append(delivery({ body: Buffer.from(`{"n":${i}}`) }));
    await store.close();
    const journal = path.join(folder(), 'journal.jsonl');
    fs.appendFileSync(journal, '{"k":"add","seq":6,"at":1,"m":"POST","u":"/cut');
    const logger = recordingLogger();
    const reopened = await CaptureStore.open({ folder: folder(), retention: 100, logger });
    assert.equal(reopened.size, 5);
    assert.deepEqual(logger.warnings, [`Capture store ${folder()}: Dropped 1 unreadable line at the end of the journal (a write cut short).`]);
    const added = await reopened.append(delivery({ body: Buffer.from('{"n":"after"}') }));
    await reopened.close();
    const again = await CaptureStore.open({ folder: folder(), retention: 100 });
    assert.equal(again.size, 6);
    assert.equal(Buffer.from((await again.readBody(added.id))!).toString(), '{"n":"after"}');
    await again.close();
  });

  it('skips a garbled line in the middle and keeps the captures around it', async () => {
    const store = await CaptureStore.open({ folder: folder(), retention: 100 });
    await store.append(delivery());
    await store.append(delivery());
    await store.close();
    const journal = path.join(folder(), 'journal.jsonl');
    const [first, ...rest] = fs.readFileSync(journal, 'utf8').split('\n');
    fs.writeFileSync(journal, [first, '\u0000\u0000garbage', ...rest].join('\n'));
    const logger = recordingLogger();
    const reopened = await CaptureStore.open({ folder: folder(), retention: 100, logger });
    assert.equal(reopened.size, 2);
    assert.match(logger.warnings.join('\n'), /1 damaged journal line could not be read/);
    await reopened.close();
  });

  it('keeps the body bytes that reached disk when a body file was cut short, marked damaged', async () => {
    const store = await CaptureStore.open({ folder: folder(), retention: 100 });
    const summary = await store.append(delivery({ body: Buffer.from('0123456789') }));
    await store.close();
    const [segment] = bodyFiles(folder());
    fs.truncateSync(path.join(folder(), segment), 4);
    const reopened = await CaptureStore.open({ folder: folder(), retention: 100, logger: recordingLogger() });
    const capture = await reopened.read(summary.id);
    assert.equal(Buffer.from(capture!.body).toString(), '0123');
    assert.equal(capture!.damaged, 'Its body is cut short on disk: 4 of 10 bytes remain.');
    assert.equal(capture!.bodySize, 10, 'the size received');
    await reopened.close();
  });

  it('evicts the oldest beyond retention, deletes their body files and compacts the journal', async () => {
    const store = await CaptureStore.open({ folder: folder(), retention: 50, segmentBytes: 4096, compactAfterDeadLines: 256 });
    const evicted: string[] = [];
    store.onDidRemove((r) => r.reason === 'evicted' && evicted.push(...r.summaries.map((s) => s.id)));
    const ids: string[] = [];
    const body = Buffer.alloc(1000, 'x');
    for (let i = 0; i < 600; i++) ids.push((await store.append(delivery({ body }))).id);
    assert.equal(store.size, 50);
    assert.deepEqual(store.list().map((s) => s.id), ids.slice(-50));
    assert.deepEqual(evicted, ids.slice(0, 550));
    // 50 live bodies of 1,000 bytes in 4 KiB segments: at most 14 segment files, not 150.
    assert.ok(bodyFiles(folder()).length <= 14, `segments left: ${bodyFiles(folder()).length}`);
    const journalLines = fs.readFileSync(path.join(folder(), 'journal.jsonl'), 'utf8').trim().split('\n').length;
    assert.ok(journalLines < 600, `journal was compacted (${journalLines} lines)`);
    assert.equal(Buffer.from((await store.readBody(ids[599]))!).length, 1000);
    await store.close();
    const reopened = await CaptureStore.open({ folder: folder(), retention: 50 });
    assert.deepEqual(reopened.list().map((s) => s.id), ids.slice(-50));
    assert.equal((await reopened.read(ids[570]))!.bodySize, 1000);
    await reopened.close();
  });

  it('applies a lower retention at once', async () => {
    const store = await CaptureStore.open({ folder: folder(), retention: 100 });
    for (let i = 0; i < 10; i++) await store.append(delivery());
    await store.setRetention(3);
    assert.equal(store.size, 3);
    await store.close();
  });

  it('clear removes every body file and ids keep growing afterwards', async () => {
    const store = await CaptureStore.open({ folder: folder(), retention: 100 });
    const before = await store.append(delivery());
    await store.clear();
    assert.deepEqual(bodyFiles(folder()), []);
    await store.close();
    const reopened = await CaptureStore.open({ folder: folder(), retention: 100 });
    assert.equal(reopened.size, 0);
    const after = await reopened.append(delivery());
    assert.ok(after.id > before.id);
    await reopened.close();
  });

  it('group-commits concurrent appends and keeps their arrival order', async () => {
    const store = await CaptureStore.open({ folder: folder(), retention: 10_000 });
    // More bodies in one write than a writev takes at once (IOV_MAX is 1,024 on Linux).
    const summaries = await Promise.all(Array.from({ length: 1500 }, (_, i) => store.append(delivery({ body: Buffer.from(String(i)) }))));
    assert.deepEqual(summaries.map((s) => s.seq), summaries.map((_, i) => summaries[0].seq + i));
    for (const i of [0, 700, 1023, 1024, 1499]) assert.equal(Buffer.from((await store.readBody(summaries[i].id))!).toString(), String(i));
    await store.close();
  });

  it('orders appends behind a compaction under way, so none is lost from the rewritten journal', async () => {
    const store = await CaptureStore.open({ folder: folder(), retention: 10_000, segmentBytes: 4096, compactAfterDeadLines: 256 });
    const first = await Promise.all(Array.from({ length: 400 }, (_, i) => store.append(delivery({ body: Buffer.from(`old ${i}`) }))));
    // Deleting most of them makes the journal worth compacting; appends arrive while that runs.
    const deleting = store.delete(first.slice(0, 390).map((s) => s.id));
    const during = Array.from({ length: 50 }, (_, i) => store.append(delivery({ body: Buffer.from(`new ${i}`) })));
    await deleting;
    const added = await Promise.all(during);
    const lines = fs.readFileSync(path.join(folder(), 'journal.jsonl'), 'utf8').trim().split('\n').length;
    assert.ok(lines < 400, `the journal was compacted (${lines} lines)`);
    await store.close();
    const reopened = await CaptureStore.open({ folder: folder(), retention: 10_000 });
    assert.deepEqual(reopened.list().map((s) => s.id), [...first.slice(390), ...added].map((s) => s.id));
    assert.equal(Buffer.from((await reopened.readBody(added[49].id))!).toString(), 'new 49');
    assert.equal(Buffer.from((await reopened.readBody(first[399].id))!).toString(), 'old 399');
    await reopened.close();
  });

  it('writes the appends still waiting when it is closed', async () => {
    const store = await CaptureStore.open({ folder: folder(), retention: 100 });
    const appends = Array.from({ length: 5 }, (_, i) => store.append(delivery({ body: Buffer.from(`late ${i}`) })));
    await store.close();
    const summaries = await Promise.all(appends);
    await assert.rejects(store.append(delivery()), /closed/);
    const reopened = await CaptureStore.open({ folder: folder(), retention: 100 });
    assert.deepEqual(reopened.list().map((s) => s.id), summaries.map((s) => s.id));
    assert.equal(Buffer.from((await reopened.readBody(summaries[4].id))!).toString(), 'late 4');
    await reopened.close();
  });

  for (const file of ['journal.jsonl', 'bodies-000001.bin']) {
    it(`recovers from a full disk under ${file}: the failed append is refused, later ones land intact`, async () => {
      const logger = recordingLogger();
      const store = await CaptureStore.open({ folder: folder(), retention: 100, logger });
      // /dev/full refuses every write with ENOSPC, as a full disk does.
      fs.symlinkSync('/dev/full', path.join(folder(), file));
      await assert.rejects(store.append(delivery({ body: Buffer.from('refused') })), /ENOSPC/);
      assert.match(logger.warnings.join('\n'), /Could not write 1 capture/);
      fs.unlinkSync(path.join(folder(), file)); // room again
      const kept = await Promise.all(['one', 'two'].map((text) => store.append(delivery({ body: Buffer.from(text) }))));
      await store.close();
      const reopened = await CaptureStore.open({ folder: folder(), retention: 100, logger });
      assert.deepEqual(reopened.list().map((s) => s.id), kept.map((s) => s.id));
      assert.deepEqual(await Promise.all(kept.map(async (s) => Buffer.from((await reopened.readBody(s.id))!).toString())), ['one', 'two']);
      await reopened.close();
    });
  }
});
