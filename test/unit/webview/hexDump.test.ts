import * as assert from 'node:assert/strict';
import { base64ToBytes, hexDumpLine, hexDumpLineCount, hexDumpLines } from '../../../src/webview/model/hexDump';

describe('hex dump', () => {
  it('decodes base64 to the original bytes', () => {
    const bytes = Uint8Array.from([0, 1, 0x7f, 0x80, 0xff, 0x41]);
    assert.deepEqual(base64ToBytes(Buffer.from(bytes).toString('base64')), bytes);
  });

  it('formats a full line as offset, 8 + 8 hex bytes and ASCII', () => {
    const bytes = new TextEncoder().encode('Hello, webhook!\n');
    assert.deepEqual(hexDumpLine(bytes, 0), {
      offset: '00000000',
      hex: '48 65 6c 6c 6f 2c 20 77  65 62 68 6f 6f 6b 21 0a',
      ascii: 'Hello, webhook!.',
    });
  });

  it('pads a short last line so the ASCII column stays aligned', () => {
    const bytes = Uint8Array.from([...new Array(16).fill(0x41), 0xff, 0x20, 0x7e]);
    const [full, last] = hexDumpLines(bytes, 0, 10);
    assert.equal(last.offset, '00000010');
    assert.equal(last.hex.length, full.hex.length);
    assert.equal(last.hex.trimEnd(), 'ff 20 7e');
    assert.equal(last.ascii, '. ~');
  });

  it('counts lines and clamps ranges', () => {
    assert.equal(hexDumpLineCount(0), 0);
    assert.equal(hexDumpLineCount(16), 1);
    assert.equal(hexDumpLineCount(17), 2);
    assert.equal(hexDumpLines(new Uint8Array(40), 1, 99).length, 2);
  });
});
