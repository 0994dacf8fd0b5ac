import * as assert from 'node:assert/strict';
import { blockStarts, estimatedLines } from '../../../src/webview/model/textBlocks';

/** The blocks blockStarts cuts `text` into. */
function blocksOf(text: string, size: number): string[] {
  const starts = blockStarts(text, size);
  return starts.map((start, i) => text.slice(start, starts[i + 1] ?? text.length));
}

describe('text blocks', () => {
  it('cuts a text of many lines after a line break in the second half of each block', () => {
    const text = Array.from({ length: 40 }, (_, n) => `line ${n} ${'x'.repeat(n % 7)}`).join('\n');
    const blocks = blocksOf(text, 64);
    assert.equal(blocks.join(''), text);
    for (const block of blocks.slice(0, -1)) {
      assert.ok(block.endsWith('\n'), `ends where a line does: ${JSON.stringify(block)}`);
      assert.ok(block.length > 32 && block.length <= 64, `about the size: ${block.length}`);
    }
  });

  it('cuts one long line (minified JSON) at the size, and the blocks add up to the text', () => {
    const text = JSON.stringify({ data: Array.from({ length: 5000 }, (_, n) => ({ id: n, name: `item ${n}` })) });
    const blocks = blocksOf(text, 1024);
    assert.equal(blocks.join(''), text);
    assert.ok(blocks.slice(0, -1).every((b) => b.length === 1024));
    assert.equal(blocks.length, Math.ceil(text.length / 1024));
  });

  it('takes a line break only when it is in the second half of the block', () => {
    const text = `ab\n${'y'.repeat(30)}`;
    assert.deepEqual(blocksOf(text, 10), [text.slice(0, 10), text.slice(10, 20), text.slice(20, 30), text.slice(30)]);
  });

  it('never cuts a surrogate pair in two', () => {
    const text = 'a' + '😀'.repeat(20);
    const blocks = blocksOf(text, 8);
    assert.equal(blocks.join(''), text);
    for (const block of blocks) assert.doesNotMatch(block, /^[\uDC00-\uDFFF]|[\uD800-\uDBFF]$/, JSON.stringify(block));
  });

  it('cuts where a plain scan back from each block end would, on texts with line breaks sparse and dense', () => {
    /** The rule written as plainly as possible: the last line break in the block's second half. */
    const plainly = (text: string, size: number): number[] => {
      const starts: number[] = [];
      for (let start = 0; start < text.length; ) {
        starts.push(start);
        let end = start + size;
        if (end >= text.length) break;
        const newline = text.slice(start + size / 2, end).lastIndexOf('\n');
        if (newline >= 0) end = start + size / 2 + newline + 1;
        start = end;
      }
      return starts;
    };
    let seed = 7;
    const random = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
    for (const breakShare of [0, 0.001, 0.02, 0.3, 0.9]) {
      for (let round = 0; round < 20; round++) {
        const text = Array.from({ length: 200 + Math.floor(random() * 3000) }, () => (random() < breakShare ? '\n' : 'x')).join('');
        const size = 2 * (4 + Math.floor(random() * 60));
        assert.deepEqual(blockStarts(text, size), plainly(text, size), `break share ${breakShare}, size ${size}`);
      }
    }
  });

  it('has no blocks for an empty text, one for a short one', () => {
    assert.deepEqual(blockStarts(''), []);
    assert.deepEqual(blockStarts('short'), [0]);
  });

  it('estimates wrapped lines', () => {
    assert.equal(estimatedLines('a\nb\n', 100), 2);
    assert.equal(estimatedLines('x'.repeat(250), 100), 3);
  });
});
