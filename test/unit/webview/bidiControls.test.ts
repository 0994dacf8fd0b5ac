import * as assert from 'node:assert/strict';
import { bidiMarker, hasBidiControls, splitBidiControls } from '../../../src/webview/model/bidiControls';

describe('splitBidiControls', () => {
  it('leaves text without controls as one plain piece', () => {
    assert.deepEqual(splitBidiControls('plain text'), [{ text: 'plain text', bidiControl: false }]);
    assert.equal(hasBidiControls('plain'), false);
  });

  it('replaces each override, embedding, isolate and mark with a visible marker', () => {
    assert.deepEqual(splitBidiControls('admin\u202Etxt.exe'), [
      { text: 'admin', bidiControl: false },
      { text: '⟨U+202E⟩', bidiControl: true },
      { text: 'txt.exe', bidiControl: false },
    ]);
    for (const char of ['\u202A', '\u202B', '\u202C', '\u202D', '\u2066', '\u2067', '\u2068', '\u2069', '\u200E', '\u200F', '\u061C']) {
      const pieces = splitBidiControls(char);
      assert.deepEqual(pieces, [{ text: bidiMarker(char), bidiControl: true }]);
    }
    assert.equal(bidiMarker('\u061C'), '⟨U+061C⟩');
  });

  it('handles adjacent controls at both ends', () => {
    assert.deepEqual(splitBidiControls('\u2066\u2069x\u202E').map((p) => p.text), ['⟨U+2066⟩', '⟨U+2069⟩', 'x', '⟨U+202E⟩']);
  });
});
