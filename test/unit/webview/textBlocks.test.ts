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

  it('has no blocks for an empty text, one for a short one', () => {
    assert.deepEqual(blockStarts(''), []);
    assert.deepEqual(blockStarts('short'), [0]);
  });

  it('estimates wrapped lines', () => {
    assert.equal(estimatedLines('a\nb\n', 100), 2);
    assert.equal(estimatedLines('x'.repeat(250), 100), 3);
  });
});
