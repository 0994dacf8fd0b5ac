import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { shellQuote, toCurl } from '../../../src/core';
import { startRecordingTarget, type RecordingTarget } from '../../support/recordingTarget';
import { useTempFolder } from '../../support/tempFolder';

const run = promisify(execFile);
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

const BODIES: Record<string, Buffer> = {
  'quotes, newlines, $, backticks and unicode': Buffer.from(`{"a":"it's \\"quoted\\"",\n"cmd":"$(rm -rf /) \`id\` $HOME \\\\ '\\''",\r\n"u":"é ✓ 🚀"}\n\n`),
  'binary with NUL and invalid UTF-8': Buffer.from([0x00, 0xff, 0xfe, 0x27, 0x0a, 0x24, 0x60, 0x80, 0x00]),
  'a leading @ curl would read as a file': Buffer.from('@/etc/passwd'),
};

describe('toCurl with the real curl binary', () => {
  const folder = useTempFolder();
  let target: RecordingTarget;
  beforeEach(async () => {
    target = await startRecordingTarget(() => ({ status: 200 }));
  });
  afterEach(() => target.close());

  async function replay(capture: Parameters<typeof toCurl>[0]) {
    const curl = toCurl(capture, `${target.url}/ignored`);
    if (curl.bodyFile) fs.writeFileSync(path.join(folder(), curl.bodyFile.name), curl.bodyFile.bytes);
    await run('sh', ['-c', curl.command], { cwd: folder() });
    assert.equal(target.received.length, 1);
    return { curl, got: target.received[0] };
  }

  for (const [label, body] of Object.entries(BODIES)) {
    it(`reproduces method, path, headers and body bytes: ${label}`, async () => {
      const rawHeaders = [
        'Host', 'abc.tunnel.example', 'User-Agent', 'GitHub-Hookshot/abc', 'X-Quote', `it's "x" $PATH \`id\``,
        'Content-Type', 'application/json; charset=utf-8', 'X-Empty', '', 'Content-Length', String(body.length), 'x-unicode-free', 'a;b,c', 'X-Dup', '1', 'X-Dup', '2',
      ];
      const { curl, got } = await replay({ id: '0000000007', method: 'PATCH', url: '/hooks/x?a=1&b=%27q%27', rawHeaders, body });
      assert.equal(got.method, 'PATCH');
      assert.equal(got.url, '/hooks/x?a=1&b=%27q%27');
      assert.equal(sha256(got.body), sha256(body));
      const expected = rawHeaders.slice(2).filter((_, i, all) => !(i % 2 === 0 && all[i] === 'Content-Length') && !(i % 2 === 1 && all[i - 1] === 'Content-Length'));
      const received = got.rawHeaders.filter((_, i, all) => !['Host', 'Content-Length'].includes(i % 2 === 0 ? all[i] : all[i - 1]));
      assert.deepEqual(received, expected, 'every captured header, in order, and nothing curl adds');
      assert.equal(got.headers['content-length'], String(body.length));
      assert.equal(curl.bodyFile !== undefined, label !== 'quotes, newlines, $, backticks and unicode');
    });
  }

  it('sends a GET without a body and without curl\u2019s default headers', async () => {
    const { curl, got } = await replay({ id: '1', method: 'GET', url: '/health', rawHeaders: ['Host', 'x'], body: new Uint8Array(0) });
    assert.equal(got.method, 'GET');
    assert.deepEqual(got.rawHeaders.filter((_, i) => i % 2 === 0), ['Host']);
    assert.doesNotMatch(curl.command, /data-binary/);
  });

  it('quotes for the shell with single quotes and \'\\\'\' escapes', () => {
    assert.equal(shellQuote(`it's`), `'it'\\''s'`);
    assert.equal(shellQuote('$x `y` "z"\n'), `'$x \`y\` "z"\n'`);
  });
});
