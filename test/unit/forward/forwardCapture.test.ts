import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as https from 'node:https';
import * as os from 'node:os';
import * as path from 'node:path';
import type { AddressInfo } from 'node:net';
import { forwardCapture, forwardUrl } from '../../../src/core';
import { closedPort, namesOf, startRecordingTarget, type RecordingTarget } from '../../support/recordingTarget';
import { importEsm } from '../signatures/webhookRequests';

interface OctokitWebhooksMethods {
  sign(secret: string, payload: string): Promise<string>;
  verify(secret: string, payload: string, signature: string): Promise<boolean>;
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe('forwardCapture', () => {
  let target: RecordingTarget;
  let octokit: OctokitWebhooksMethods;
  before(async () => {
    octokit = await importEsm<OctokitWebhooksMethods>('@octokit/webhooks-methods');
  });
  beforeEach(async () => {
    target = await startRecordingTarget(() => ({ status: 202, headers: { 'X-Target': 'yes', 'Content-Type': 'text/plain' }, body: 'accepted ✓' }));
  });
  afterEach(() => target.close());

  it('relays method, body bytes and ordered headers, rewrites Host and keeps the query', async () => {
    const body = Buffer.from([0x7b, 0xff, 0x00, 0x0d, 0x0a, 0xc3, 0x28, 0x7d, ...Buffer.from('"$`\'\u00e9')]);
    const result = await forwardCapture({
      method: 'PUT',
      url: '/hooks/x?a=1&b=%20c',
      rawHeaders: [
        'Host', 'abc.tunnel.example', 'X-First', '1', 'Connection', 'keep-alive, X-Conn-Only', 'X-Conn-Only', 'gone',
        'Keep-Alive', 'timeout=5', 'Content-Type', 'application/octet-stream', 'Transfer-Encoding', 'chunked', 'TE', 'trailers',
        'Proxy-Authorization', 'Basic x', 'Upgrade', 'h2c', 'x-repeat', 'a', 'Content-Length', '999', 'x-repeat', 'b', 'X-Last', 'z',
      ],
      body,
      remoteAddress: '203.0.113.9',
    }, { url: `${target.url}/ignored/path`, pathMode: 'keep' });
    assert.equal(result.ok, true, JSON.stringify(result));
    const got = target.received[0];
    assert.equal(got.method, 'PUT');
    assert.equal(got.url, '/hooks/x?a=1&b=%20c');
    assert.equal(sha256(got.body), sha256(body));
    const names = namesOf(got.rawHeaders).filter((n) => n !== 'Connection');
    assert.deepEqual(names, ['Host', 'X-First', 'Content-Type', 'x-repeat', 'Content-Length', 'x-repeat', 'X-Last', 'X-Forwarded-For', 'X-Forwarded-Host']);
    assert.equal(got.headers.host, `127.0.0.1:${target.port}`);
    assert.equal(got.headers['content-length'], String(body.length));
    assert.equal(got.headers['x-forwarded-host'], 'abc.tunnel.example');
    assert.equal(got.headers['x-forwarded-for'], '203.0.113.9');
    assert.deepEqual(got.rawHeaders.filter((_, i) => i > 0 && got.rawHeaders[i - 1] === 'x-repeat'), ['a', 'b']);
    if (!result.ok) return;
    assert.equal(result.status, 202);
    assert.equal(result.bodyExcerpt, 'accepted ✓');
    assert.equal(result.bodyBytes, Buffer.byteLength('accepted ✓'));
    assert.ok(result.headers.some(([n, v]) => n === 'X-Target' && v === 'yes'));
    assert.equal(result.target, `${target.url}/hooks/x?a=1&b=%20c`);
    assert.ok(result.latencyMs >= 0);
  });

  it('in target mode posts to the target path and adds the captured query to its own', async () => {
    await forwardCapture({ method: 'POST', url: '/hooks/x?b=2', rawHeaders: [], body: Buffer.from('{}') }, { url: `${target.url}/webhooks?a=1`, pathMode: 'target' });
    assert.equal(target.received[0].url, '/webhooks?a=1&b=2');
    assert.equal(forwardUrl('/p', { url: 'http://h:1/w', pathMode: 'target' }).toString(), 'http://h:1/w');
    assert.equal(forwardUrl('/p/q?x=%2F', { url: 'https://h/w?y', pathMode: 'keep' }).toString(), 'https://h/p/q?x=%2F');
  });

  it('leaves X-Forwarded-* alone when told to, and appends to an existing X-Forwarded-For', async () => {
    await forwardCapture({ method: 'POST', url: '/', rawHeaders: ['X-Forwarded-For', '198.51.100.1', 'Host', 'h'], body: Buffer.alloc(0), remoteAddress: '10.0.0.1' }, { url: target.url, pathMode: 'keep' });
    await forwardCapture({ method: 'POST', url: '/', rawHeaders: ['Host', 'h'], body: Buffer.alloc(0), remoteAddress: '10.0.0.1' }, { url: target.url, pathMode: 'keep' }, { forwardedHeaders: false });
    assert.equal(target.received[0].headers['x-forwarded-for'], '198.51.100.1, 10.0.0.1');
    assert.equal(target.received[1].headers['x-forwarded-for'], undefined);
    assert.equal(target.received[1].headers['x-forwarded-host'], undefined);
  });

  it('keeps a GitHub signature valid at the target, checked with @octokit/webhooks-methods', async () => {
    const secret = 'forwarding secret';
    const payload = JSON.stringify({ action: 'opened', pull_request: { title: 'Ünïcode "quotes"\n' } }, null, 2);
    const signature = await octokit.sign(secret, payload);
    let verified: boolean | undefined;
    await target.close();
    target = await startRecordingTarget(async (req) => {
      verified = await octokit.verify(secret, req.body.toString('utf8'), String(req.headers['x-hub-signature-256']));
      return { status: verified ? 200 : 401 };
    });
    const result = await forwardCapture({
      method: 'POST', url: '/hooks/github',
      rawHeaders: ['Host', 'x.example', 'X-GitHub-Event', 'pull_request', 'X-Hub-Signature-256', signature, 'Content-Type', 'application/json'],
      body: Buffer.from(payload),
    }, { url: `${target.url}/api/github`, pathMode: 'target' });
    assert.equal(verified, true);
    assert.equal(result.ok && result.status, 200);
  });

  it('reports a closed port as ECONNREFUSED with its latency', async () => {
    const port = await closedPort();
    const result = await forwardCapture({ method: 'POST', url: '/x', rawHeaders: [], body: Buffer.from('{}') }, { url: `http://127.0.0.1:${port}`, pathMode: 'keep' });
    assert.equal(result.ok, false);
    if (result.ok) return;
    assert.equal(result.error, 'ECONNREFUSED');
    assert.ok(result.latencyMs >= 0);
    assert.equal(result.target, `http://127.0.0.1:${port}/x`);
  });

  it('gives up after the timeout with ETIMEDOUT', async () => {
    const silent = http.createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      const port = (silent.address() as AddressInfo).port;
      const result = await forwardCapture({ method: 'POST', url: '/x', rawHeaders: [], body: Buffer.from('{}') }, { url: `http://127.0.0.1:${port}`, pathMode: 'keep' }, { timeoutMs: 150 });
      assert.equal(result.ok, false);
      if (result.ok) return;
      assert.equal(result.error, 'ETIMEDOUT');
      // The target never answers, so only the timeout can have ended it: no upper bound needed.
      assert.ok(result.latencyMs >= 140, `latency ${result.latencyMs}`);
    } finally {
      silent.closeAllConnections();
      await new Promise((resolve) => silent.close(resolve));
    }
  });

  it('keeps only the first 2 KB of a large answer but counts every byte', async () => {
    await target.close();
    target = await startRecordingTarget(() => ({ status: 200, body: Buffer.alloc(100_000, 'a') }));
    const result = await forwardCapture({ method: 'POST', url: '/', rawHeaders: [], body: Buffer.alloc(0) }, { url: target.url, pathMode: 'keep' });
    assert.ok(result.ok);
    if (!result.ok) return;
    assert.equal(result.bodyExcerpt.length, 2048);
    assert.equal(result.bodyBytes, 100_000);
  });

  it('turns bad targets into results, not exceptions', async () => {
    const notUrl = await forwardCapture({ method: 'POST', url: '/', rawHeaders: [], body: Buffer.alloc(0) }, { url: 'localhost 3000', pathMode: 'keep' });
    assert.equal(!notUrl.ok && notUrl.error, 'ERR_INVALID_URL');
    const ftp = await forwardCapture({ method: 'POST', url: '/', rawHeaders: [], body: Buffer.alloc(0) }, { url: 'ftp://127.0.0.1/', pathMode: 'keep' });
    assert.equal(!ftp.ok && ftp.error, 'ERR_UNSUPPORTED_PROTOCOL');
    const badHeader = await forwardCapture({ method: 'POST', url: '/', rawHeaders: ['X-Bad', 'a\nb'], body: Buffer.alloc(0) }, { url: target.url, pathMode: 'keep' });
    assert.equal(!badHeader.ok && badHeader.error, 'ERR_INVALID_CHAR');
  });

  it('forwards to an https target, refusing a self-signed certificate unless allowed', async () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'forward-tls-'));
    const key = path.join(folder, 'key.pem');
    const cert = path.join(folder, 'cert.pem');
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '1', '-subj', '/CN=127.0.0.1'], { stdio: 'ignore' });
    const bodies: Buffer[] = [];
    const server = https.createServer({ key: fs.readFileSync(key), cert: fs.readFileSync(cert) }, (req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        bodies.push(Buffer.concat(chunks));
        res.end('tls ok');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const url = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const request = { method: 'POST', url: '/tls', rawHeaders: ['Content-Type', 'application/json'], body: Buffer.from('{"secure":true}') };
      const refused = await forwardCapture(request, { url, pathMode: 'keep' });
      assert.equal(refused.ok, false);
      assert.match(!refused.ok ? refused.error : '', /SELF_SIGNED|UNABLE_TO_VERIFY|CERT/);
      const allowed = await forwardCapture(request, { url, pathMode: 'keep' }, { allowSelfSigned: true });
      assert.equal(allowed.ok && allowed.bodyExcerpt, 'tls ok');
      assert.deepEqual(bodies, [Buffer.from('{"secure":true}')]);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });
});
