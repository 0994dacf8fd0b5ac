import * as assert from 'node:assert/strict';
import { parseHttpRequest, toHttpFile } from '../../../src/core';

const BASE = 'http://localhost:3000';
const capture = (id: string, body: Buffer, method = 'POST') => ({
  id, method, url: `/hooks/${id}?a=1&b=%20`,
  rawHeaders: ['Host', 'tunnel.example', 'Content-Type', 'application/json', 'X-Hub-Signature-256', 'sha256=ab', 'Content-Length', String(body.length), 'X-Empty', '', 'X-Dup', '1', 'X-Dup', '2'],
  body,
});
const EXPECTED_HEADERS = ['Content-Type', 'application/json', 'X-Hub-Signature-256', 'sha256=ab', 'X-Empty', '', 'X-Dup', '1', 'X-Dup', '2'];

describe('.http documents', () => {
  const bodies: Record<string, Buffer> = {
    'pretty JSON with unicode': Buffer.from('{\n  "title": "é ✓ \\"q\\"",\n  "n": 1\n}'),
    'CRLF and a trailing newline': Buffer.from('a=1\r\nb=2\r\n'),
    'a line starting with ###': Buffer.from('x\n### not a separator'),
    'a REST Client variable': Buffer.from('{"t":"{{token}}"}'),
    'bytes that are not UTF-8': Buffer.from([0xff, 0x00, 0x0a, 0x80]),
    'a leading <': Buffer.from('< ./etc'),
  };

  for (const [label, body] of Object.entries(bodies)) {
    it(`round-trips ${label} byte for byte`, () => {
      const document = toHttpFile([capture('0000000001', body)], BASE);
      const files = new Map(document.bodyFiles.map((f) => [`./${f.name}`, f.bytes]));
      const parsed = parseHttpRequest(document.text, { readBodyFile: (p) => files.get(p) ?? assert.fail(`no file ${p}`) });
      assert.equal(parsed.method, 'POST');
      assert.equal(parsed.url, `${BASE}/hooks/0000000001?a=1&b=%20`);
      assert.deepEqual(parsed.rawHeaders, EXPECTED_HEADERS);
      assert.deepEqual(Buffer.from(parsed.body), body);
      assert.equal(document.bodyFiles.length, label === 'pretty JSON with unicode' ? 0 : 1);
    });
  }

  it('writes one request per capture between ### lines and parses the first', () => {
    const document = toHttpFile([capture('0000000001', Buffer.from('{"first":1}')), capture('0000000002', Buffer.alloc(0), 'GET')], BASE);
    assert.equal(document.text.match(/^### /gm)?.length, 2);
    assert.match(document.text, /^GET http:\/\/localhost:3000\/hooks\/0000000002\?a=1&b=%20 HTTP\/1\.1$/m);
    assert.equal(Buffer.from(parseHttpRequest(document.text).body).toString(), '{"first":1}');
  });

  it('reads hand-written requests: comments, variables, a bare URL, CRLF line ends', () => {
    const parsed = parseHttpRequest('@host = x\r\n# note\r\n// other\r\npost https://h/p HTTP/1.1\r\nA: 1\r\n# skipped\r\nB:2\r\n\r\nbody\r\n\r\n###\r\nGET https://h/q\r\n');
    assert.deepEqual({ ...parsed, body: Buffer.from(parsed.body).toString() }, { method: 'POST', url: 'https://h/p', rawHeaders: ['A', '1', 'B', '2'], body: 'body' });
    assert.equal(parseHttpRequest('https://h/only').method, 'GET');
  });

  it('explains what it cannot read', () => {
    assert.throws(() => parseHttpRequest('# only a comment\n'), /No request in the document/);
    assert.throws(() => parseHttpRequest('POST https://h/ HTTP/1.1 extra'), /not a request line/);
    assert.throws(() => parseHttpRequest('POST https://h/\nno colon here'), /not a header/);
    assert.throws(() => parseHttpRequest('POST https://h/\n\n< ./body.bin'), /pass readBodyFile/);
  });
});
