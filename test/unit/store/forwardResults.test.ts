import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CaptureStore } from '../../../src/core';
import type { CaptureSummary, ForwardResult, Logger } from '../../../src/core';
import { delivery } from '../../support/deliveries';
import { journalLines, journalRecords } from '../../support/storeFiles';
import { useTempFolder } from '../../support/tempFolder';

const answered = (status: number, target = 'http://localhost:3000/hooks'): ForwardResult => ({
  ok: true, status, headers: [['Content-Type', 'text/plain'], ['X-Seen', 'yes']], bodyExcerpt: `answer ${status} "✓"\n`, bodyBytes: 12, latencyMs: 3.2, target,
});
const refused: ForwardResult = { ok: false, error: 'ECONNREFUSED', message: 'connect ECONNREFUSED 127.0.0.1:3000', latencyMs: 0.8, target: 'http://localhost:3000/hooks' };

describe('CaptureStore forward results', () => {
  const folder = useTempFolder();

  it('keeps a small summary in the index, fires onDidUpdate and reads the full result on demand', async () => {
    const store = await CaptureStore.open({ folder: folder(), retention: 100 });
    const updates: CaptureSummary[] = [];
    store.onDidUpdate((s) => updates.push(s));
    const summary = await store.append(delivery());
    assert.equal(await store.readForwardResult(summary.id), undefined);
    await store.attachForwardResult(summary.id, answered(202));
    const forward = store.get(summary.id)?.forward;
    assert.ok(forward?.ok);
    assert.deepEqual({ ...forward, at: 0 }, { ok: true, status: 202, latencyMs: 3.2, target: 'http://localhost:3000/hooks', at: 0 });
    assert.equal('headers' in forward, false, 'headers and the excerpt stay on disk');
    assert.deepEqual(updates.map((u) => u.forward), [forward]);
    assert.deepEqual(await store.readForwardResult(summary.id), answered(202));
    assert.deepEqual((await store.read(summary.id))?.forward, forward);
    await store.close();
  });

  it('survives a reopen, the latest result replacing earlier ones', async () => {
    const store = await CaptureStore.open({ folder: folder(), retention: 100 });
    const a = await store.append(delivery());
    const b = await store.append(delivery());
    const c = await store.append(delivery());
    await store.attachForwardResult(a.id, answered(500));
    await store.attachForwardResult(b.id, refused);
    await store.attachForwardResult(a.id, answered(200));
    await store.close();
    const reopened = await CaptureStore.open({ folder: folder(), retention: 100 });
    const forwardOfA = reopened.get(a.id)?.forward;
    assert.equal(forwardOfA?.ok && forwardOfA.status, 200);
    assert.deepEqual(await reopened.readForwardResult(a.id), answered(200));
    assert.deepEqual(await reopened.readForwardResult(b.id), refused);
    assert.equal(reopened.get(b.id)?.forward?.ok, false);
    assert.equal(reopened.get(c.id)?.forward, undefined);
    await reopened.close();
  });

  it('keeps results through compaction after deletes and after many replays', async () => {
    const store = await CaptureStore.open({ folder: folder(), retention: 10_000, compactAfterDeadLines: 256 });
    const kept = await store.append(delivery({ body: Buffer.from('{"kept":true}') }));
    const others = await Promise.all(Array.from({ length: 300 }, () => store.append(delivery())));
    await store.attachForwardResult(others[5].id, refused);
    await store.attachForwardResult(kept.id, answered(201));
    await store.delete(others.map((o) => o.id));
    assert.deepEqual(journalRecords(folder()).map((r) => r.k), ['mark', 'add', 'fwd'], 'compacted to the live lines');
    for (let i = 0; i < 300; i++) await store.attachForwardResult(kept.id, answered(200 + (i % 50)));
    assert.ok(journalLines(folder()).length < 300, 'superseded results are compacted away');
    assert.deepEqual(await store.readForwardResult(kept.id), answered(249));
    assert.equal(Buffer.from((await store.readBody(kept.id))!).toString(), '{"kept":true}');
    await store.close();
    const reopened = await CaptureStore.open({ folder: folder(), retention: 10_000 });
    assert.deepEqual(await reopened.readForwardResult(kept.id), answered(249));
    assert.equal((await reopened.read(kept.id))?.rawHeaders.length, 4);
    await reopened.close();
  });

  it('a cut-short result at the journal tail is dropped and the earlier one stands', async () => {
    const store = await CaptureStore.open({ folder: folder(), retention: 100 });
    const summary = await store.append(delivery());
    await store.attachForwardResult(summary.id, answered(200));
    await store.close();
    const journal = path.join(folder(), 'journal.jsonl');
    fs.appendFileSync(journal, JSON.stringify({ k: 'fwd', seq: summary.seq, at: 1, r: answered(503) }).slice(0, 40));
    const warnings: string[] = [];
    const logger: Logger = { trace() {}, debug() {}, info() {}, warn: (m) => void warnings.push(m), error: (m) => void warnings.push(String(m)) };
    const reopened = await CaptureStore.open({ folder: folder(), retention: 100, logger });
    assert.match(warnings.join('\n'), /Dropped 1 unreadable line at the end of the journal/);
    assert.deepEqual(await reopened.readForwardResult(summary.id), answered(200));
    await reopened.attachForwardResult(summary.id, refused);
    await reopened.close();
    const again = await CaptureStore.open({ folder: folder(), retention: 100 });
    assert.deepEqual(await again.readForwardResult(summary.id), refused);
    await again.close();
  });

  it('ignores a result for a capture that is gone, and forgets results with their capture', async () => {
    const store = await CaptureStore.open({ folder: folder(), retention: 100 });
    const updates: CaptureSummary[] = [];
    store.onDidUpdate((s) => updates.push(s));
    const a = await store.append(delivery());
    await store.attachForwardResult(a.id, refused);
    await store.delete([a.id]);
    await store.attachForwardResult(a.id, answered(200));
    assert.equal(updates.length, 1);
    assert.equal(await store.readForwardResult(a.id), undefined);
    await store.close();
    const reopened = await CaptureStore.open({ folder: folder(), retention: 100 });
    assert.equal(reopened.size, 0);
    await reopened.close();
  });
});
