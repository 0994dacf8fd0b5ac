import * as assert from 'node:assert/strict';
import { ByteSafeHostRewrite } from '../../../src/core/tunnel/byteSafeHostRewrite';

async function rewrite(chunks: Buffer[], host = '127.0.0.1'): Promise<Buffer> {
  const transform = new ByteSafeHostRewrite(host);
  const out: Buffer[] = [];
  transform.on('data', (chunk: Buffer) => out.push(chunk));
  const done = new Promise((resolve) => transform.once('end', resolve));
  for (const chunk of chunks) transform.write(chunk);
  transform.end();
  await done;
  return Buffer.concat(out);
}

const head = 'POST /hooks?x=1 HTTP/1.1\r\nContent-Type: application/octet-stream\r\nHost: abc123.loca.lt\r\nX-Hub-Signature-256: sha256=00\r\n';
// Bytes that are not UTF-8, and a line that looks like a Host header, in the body.
const body = Buffer.concat([Buffer.from([0x00, 0xff, 0xfe, 0xc3, 0x28, 0x80]), Buffer.from('\r\nHost: not-a-header\r\n\r\n'), Buffer.from([0xe2, 0x82])]);
const request = Buffer.concat([Buffer.from(`${head}Content-Length: ${body.length}\r\n\r\n`), body]);
const expected = Buffer.concat([Buffer.from(`${head.replace('abc123.loca.lt', '127.0.0.1')}Content-Length: ${body.length}\r\n\r\n`), body]);

describe('ByteSafeHostRewrite', () => {
  it('rewrites the Host header and passes the body on byte for byte', async () => {
    const out = await rewrite([request]);
    assert.ok(out.equals(expected), out.toString('latin1'));
  });

  it('finds the Host header however the request is split into chunks', async () => {
    for (let cut = 1; cut < request.length; cut++) {
      const out = await rewrite([request.subarray(0, cut), request.subarray(cut)]);
      assert.ok(out.equals(expected), `split at ${cut}: ${out.toString('latin1')}`);
    }
    const byteByByte = await rewrite([...request].map((byte) => Buffer.from([byte])));
    assert.ok(byteByByte.equals(expected));
  });

  it('matches the header name in any case, and leaves a request without one alone', async () => {
    const lower = await rewrite([Buffer.from('GET / HTTP/1.1\r\nhOST: a.loca.lt\r\n\r\n')]);
    assert.equal(lower.toString(), 'GET / HTTP/1.1\r\nhOST: 127.0.0.1\r\n\r\n');
    const none = await rewrite([Buffer.from('GET / HTTP/1.0\r\nX-Host: a\r\n\r\n')]);
    assert.equal(none.toString(), 'GET / HTTP/1.0\r\nX-Host: a\r\n\r\n');
  });

  it('passes on a header block longer than it will hold, untouched', async () => {
    const huge = Buffer.from(`GET / HTTP/1.1\r\nX-Pad: ${'p'.repeat(70 * 1024)}\r\nHost: a.loca.lt\r\n\r\n`);
    const out = await rewrite([huge.subarray(0, 1000), huge.subarray(1000)]);
    assert.ok(out.equals(huge));
  });

  it('hands on what it holds when the stream ends before the header block does', async () => {
    const partial = Buffer.from('POST / HTTP/1.1\r\nHost: a.lo');
    assert.ok((await rewrite([partial])).equals(partial));
  });
});
