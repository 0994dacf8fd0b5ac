import * as assert from 'node:assert/strict';
import { CaptureIndex } from '../../../src/core/store/captureIndex';
import { seededRandom } from '../../support/seededRandom';

interface Entry {
  summary: { seq: number };
  name: string;
}

const entry = (seq: number, name = `e${seq}`): Entry => ({ summary: { seq }, name });
const seqsOf = (entries: Entry[]) => entries.map((e) => e.summary.seq);

describe('CaptureIndex', () => {
  it('keeps entries by seq, oldest first, across gaps', () => {
    const index = new CaptureIndex<Entry>();
    for (const seq of [3, 4, 7, 8]) index.set(entry(seq));
    assert.equal(index.size, 4);
    assert.deepEqual(seqsOf(index.values()), [3, 4, 7, 8]);
    assert.equal(index.get(7)?.name, 'e7');
    for (const missing of [0, 2, 5, 6, 9, -1, 3.5]) assert.equal(index.get(missing), undefined, String(missing));
    assert.deepEqual(seqsOf(index.oldest(3)), [3, 4, 7]);
  });

  it('deletes, replaces, takes a lower seq from a hand-edited journal, and clears', () => {
    const index = new CaptureIndex<Entry>();
    for (let seq = 10; seq < 15; seq++) index.set(entry(seq));
    assert.equal(index.delete(12), true);
    assert.equal(index.delete(12), false);
    assert.equal(index.delete(10), true);
    index.set(entry(11, 'again'));
    assert.equal(index.get(11)?.name, 'again');
    index.set(entry(5));
    assert.deepEqual(seqsOf(index.values()), [5, 11, 13, 14]);
    assert.equal(index.size, 4);
    index.clear();
    assert.equal(index.size, 0);
    assert.deepEqual(index.values(), []);
    index.set(entry(100));
    assert.deepEqual(seqsOf(index.values()), [100]);
  });

  it('behaves like a Map through 20,000 random appends, evictions and deletions', () => {
    const next = seededRandom(7);
    const index = new CaptureIndex<Entry>();
    const model = new Map<number, Entry>();
    let seq = 1;
    for (let step = 0; step < 20_000; step++) {
      const pick = next();
      if (pick < 0.55) {
        seq += next() < 0.1 ? 2 + Math.floor(next() * 5) : 1; // refused batches leave gaps
        const e = entry(seq);
        index.set(e);
        model.set(seq, e);
      } else if (pick < 0.85) {
        const oldest = model.keys().next();
        if (!oldest.done) assert.equal(index.delete(oldest.value), model.delete(oldest.value));
      } else {
        const victim = 1 + Math.floor(next() * seq);
        assert.equal(index.delete(victim), model.delete(victim));
      }
      if (step % 500 === 0 || step === 19_999) {
        assert.equal(index.size, model.size);
        assert.deepEqual(seqsOf(index.values()), [...model.keys()]);
        for (let probe = Math.max(0, seq - 50); probe <= seq + 1; probe++) assert.equal(index.get(probe), model.get(probe));
      }
    }
  });
});
