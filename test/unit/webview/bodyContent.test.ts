import * as assert from 'node:assert/strict';
import { interpretBody, isJsonMediaType, mediaType } from '../../../src/webview/model/bodyContent';
import { formatBytes, formatTime } from '../../../src/webview/model/formatting';

describe('interpretBody', () => {
  it('parses JSON content types, including +json and parameters', () => {
    assert.deepEqual(interpretBody({ encoding: 'utf8', text: '{"a":1}' }, 'application/json; charset=utf-8'), { kind: 'json', text: '{"a":1}', value: { a: 1 } });
    assert.equal(mediaType(' Application/Vnd.Api+JSON ; x=1'), 'application/vnd.api+json');
    assert.ok(isJsonMediaType('application/vnd.api+json'));
    assert.ok(!isJsonMediaType('application/jsonl'));
  });

  it('keeps invalid JSON as text with the parse error', () => {
    const content = interpretBody({ encoding: 'utf8', text: '{"a":' }, 'application/json');
    assert.equal(content.kind, 'invalid-json');
    assert.ok(content.kind === 'invalid-json' && content.error.length > 0 && content.text === '{"a":');
  });

  it('recognises JSON without a content type, and leaves other text alone', () => {
    assert.equal(interpretBody({ encoding: 'utf8', text: ' [1,2]' }, undefined).kind, 'json');
    assert.equal(interpretBody({ encoding: 'utf8', text: '{not json' }, 'text/plain').kind, 'text');
    assert.equal(interpretBody({ encoding: 'utf8', text: 'hello' }, undefined).kind, 'text');
    assert.equal(interpretBody({ encoding: 'utf8', text: '' }, 'application/json').kind, 'empty');
  });

  it('decodes forms and base64 bodies', () => {
    assert.deepEqual(interpretBody({ encoding: 'utf8', text: 'a=1&a=2' }, 'application/x-www-form-urlencoded'), { kind: 'form', text: 'a=1&a=2', fields: [['a', '1'], ['a', '2']] });
    const binary = interpretBody({ encoding: 'base64', data: Buffer.from([0xff, 0x00]).toString('base64') }, 'application/octet-stream');
    assert.ok(binary.kind === 'binary' && binary.bytes.length === 2 && binary.bytes[0] === 0xff);
  });
});

describe('formatting', () => {
  it('formats sizes', () => {
    assert.equal(formatBytes(0), '0 B');
    assert.equal(formatBytes(1023), '1023 B');
    assert.equal(formatBytes(4300), '4.2 KB');
    assert.equal(formatBytes(5 * 1024 * 1024), '5.0 MB');
  });

  it('formats local times to the millisecond', () => {
    const at = new Date(2024, 5, 1, 14, 3, 7, 42).getTime();
    assert.equal(formatTime(at), '2024-06-01 14:03:07.042');
  });
});
