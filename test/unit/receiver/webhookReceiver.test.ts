import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import { CaptureStore, DEFAULT_RESPONSE, WebhookReceiver } from '../../../src/core';
import type { CaptureSummary, IncomingDelivery, Logger, ReceiverOptions } from '../../../src/core';
import { rawExchange, send } from '../../support/httpClient';
import { nextEvent } from '../../support/nextEvent';
import { recordingLogger } from '../../support/recordingLogger';
import { useTempFolder } from '../../support/tempFolder';

describe('WebhookReceiver', () => {
  const folder = useTempFolder();
  let store: CaptureStore;
  let receiver: WebhookReceiver;
  let base: string;
  let port: number;

  async function start(options: Partial<ReceiverOptions> = {}, logger?: Logger): Promise<void> {
    store = await CaptureStore.open({ folder: folder(), retention: 10_000 });
    receiver = new WebhookReceiver(store, { host: '127.0.0.1', port: 0, maxBodyBytes: 1024 * 1024, response: DEFAULT_RESPONSE, ...options }, logger);
    const address = await receiver.listen();
    base = address.url;
    port = address.port;
  }

  afterEach(async () => {
    await receiver?.close();
    await store?.close();
  });

  it('binds to loopback and reports its URL', async () => {
    await start();
    assert.match(base, /^http:\/\/127\.0\.0\.1:\d+$/);
  });

  for (const method of ['POST', 'PUT', 'PATCH', 'DELETE', 'GET', 'OPTIONS', 'PROPFIND']) {
    it(`captures a ${method} on any path with its query as received`, async () => {
      await start();
      const res = await send(`${base}/deep/path/x?b=2&a=1&a=%2F`, { method, body: method === 'GET' ? undefined : 'payload' });
      assert.equal(res.status, 200);
      const [summary] = store.list();
      assert.equal(summary.method, method);
      assert.equal(summary.url, '/deep/path/x?b=2&a=1&a=%2F');
    });
  }

  it('keeps a binary body byte-exact, including every byte value', async () => {
    await start();
    const body = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7) % 256));
    await send(`${base}/bin`, { body, headers: { 'content-type': 'application/octet-stream' } });
    const capture = await store.read(store.list()[0].id);
    assert.deepEqual(Buffer.from(capture!.body), body);
    assert.equal(capture!.bodySize, 4096);
  });

  it('labels each delivery before storing it: provider, event, delivery id, and duplicates of a redelivery', async () => {
    await start();
    const github = (id: string) => ({
      headers: { 'content-type': 'application/json', 'x-github-event': 'pull_request', 'x-github-delivery': id },
      body: '{"action":"opened","number":1}',
    });
    await send(`${base}/hooks/github`, github('d-1'));
    await send(`${base}/hooks/github`, github('d-1'));
    await send(`${base}/hooks/stripe`, { headers: { 'stripe-signature': 't=1,v1=ab' }, body: '{"id":"evt_9","type":"customer.created"}' });
    await send(`${base}/plain`, { body: 'not json' });
    const [first, retry, stripe, plain] = store.list();
    assert.deepEqual([first.provider, first.event, first.deliveryId], ['github', 'pull_request.opened', 'd-1']);
    assert.deepEqual([stripe.provider, stripe.event, stripe.deliveryId], ['stripe', 'customer.created', 'evt_9']);
    assert.deepEqual([plain.provider, plain.event, plain.deliveryId], [undefined, undefined, undefined]);
    assert.equal(store.duplicateOf(retry.id), first.id);
    const reopened = await CaptureStore.open({ folder: folder(), retention: 10 });
    assert.equal(reopened.get(first.id)?.event, 'pull_request.opened', 'the labels are stored with the capture');
    await reopened.close();
  });

  it('labels with an injected describer instead, when given one', async () => {
    await start({ describe: (d) => ({ event: `${d.method.toLowerCase()} ${d.url}`, provider: 'acme', deliveryId: 'one' }) });
    await send(`${base}/a`, { body: '{}' });
    await send(`${base}/b`, { body: '{}' });
    const [a, b] = store.list();
    assert.deepEqual([a.event, a.provider, a.deliveryId], ['post /a', 'acme', 'one']);
    assert.equal(store.duplicateOf(b.id), a.id);
  });

  it('captures an empty body', async () => {
    await start();
    await send(`${base}/empty`, { body: '' });
    const capture = await store.read(store.list()[0].id);
    assert.equal(capture!.body.byteLength, 0);
  });

  it('keeps headers in arrival order with their casing, and repeated headers', async () => {
    await start();
    await rawExchange(port, [
      'POST /h HTTP/1.1\r\nHost: x\r\nX-Zeta: 1\r\nx-alpha: 2\r\nSet-Thing: a\r\nSet-Thing: b\r\nContent-Length: 2\r\nConnection: close\r\n\r\nhi',
    ]);
    const capture = await store.read(store.list()[0].id);
    assert.deepEqual(capture!.rawHeaders, ['Host', 'x', 'X-Zeta', '1', 'x-alpha', '2', 'Set-Thing', 'a', 'Set-Thing', 'b', 'Content-Length', '2', 'Connection', 'close']);
    assert.deepEqual(capture!.headers['set-thing'], ['a', 'b']);
    assert.equal(capture!.httpVersion, '1.1');
    assert.equal(capture!.remoteAddress, '127.0.0.1');
    assert.ok(capture!.readMs >= 0);
  });

  it('answers with the configured status, headers and body, after the capture is on disk', async () => {
    await start({ response: { status: 202, headers: { 'x-reply': 'yes' }, body: 'accepted', delayMs: 0 } });
    let storedBeforeAnswer = false;
    const res = await new Promise<http.IncomingMessage>((resolve) => {
      const req = http.request(`${base}/a`, { method: 'POST' }, (r) => {
        storedBeforeAnswer = store.size === 1;
        resolve(r);
      });
      req.end('{}');
    });
    assert.equal(res.statusCode, 202);
    assert.equal(res.headers['x-reply'], 'yes');
    assert.ok(storedBeforeAnswer, 'the capture was stored when the answer arrived');
  });

  it('delays its answer when told to, and applies new options without a restart', async () => {
    await start();
    receiver.updateOptions({ response: { ...DEFAULT_RESPONSE, status: 201, delayMs: 300 } });
    const started = Date.now();
    const res = await send(`${base}/slow`, { body: '{}' });
    assert.equal(res.status, 201);
    assert.ok(Date.now() - started >= 280, 'the answer waited for the delay');
    assert.equal(store.list()[0].responseStatus, 201);
  });

  it('answers 413 to a body over the limit, stops keeping bytes and still records the capture', async () => {
    await start({ maxBodyBytes: 1000 });
    const res = await send(`${base}/big`, { body: Buffer.alloc(50_000, 'a') });
    assert.equal(res.status, 413);
    const [summary] = store.list();
    assert.equal(summary.truncated, true);
    assert.equal(summary.bodySize, 1000);
    assert.equal(summary.responseStatus, 413);
    const capture = await store.read(summary.id);
    assert.equal(capture!.headers['content-length'], '50000');
  });

  it('cuts off a client that stalls while sending its headers', async () => {
    await start({ headersTimeoutMs: 300, requestTimeoutMs: 300 });
    // Only the receiver's own timeout can end this exchange: the client never finishes its headers.
    const { text } = await rawExchange(port, ['POST /stall HTTP/1.1\r\nHost: x\r\n']);
    assert.match(text, /^HTTP\/1\.1 408/);
    assert.equal(store.size, 0);
  });

  it('records what arrived from a client that stalls mid-body, marked truncated and unanswered', async () => {
    await start({ headersTimeoutMs: 300, requestTimeoutMs: 400 });
    const stored = nextEvent(store.onDidAdd);
    await rawExchange(port, ['POST /half HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n0123456789']);
    await stored;
    const [summary] = store.list();
    assert.equal(summary.truncated, true);
    assert.equal(summary.responseStatus, 0);
    assert.equal(Buffer.from((await store.readBody(summary.id))!).toString(), '0123456789');
  });

  it('keeps every one of 1,500 headers, in order, when they fit the header size limit', async () => {
    await start();
    const names = Array.from({ length: 1500 }, (_, i) => `X-H${i}`);
    const head = `POST /many HTTP/1.1\r\nHost: x\r\n${names.map((n) => `${n}: v\r\n`).join('')}Content-Length: 2\r\nConnection: close\r\n\r\nok`;
    const { text } = await rawExchange(port, [head]);
    assert.match(text, /^HTTP\/1\.1 200/);
    const capture = await store.read(store.list()[0].id);
    const kept = capture!.rawHeaders.filter((_, i) => i % 2 === 0);
    assert.deepEqual(kept, ['Host', ...names, 'Content-Length', 'Connection']);
    assert.equal(capture!.truncated, false);
    assert.equal(Buffer.from(capture!.body).toString(), 'ok');
  });

  it('answers 431 to headers over the size limit, as Node does, and warns once per burst', async () => {
    const logger = recordingLogger();
    await start({}, logger);
    const big = `POST /big-header HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\nContent-Length: 0\r\n\r\n`;
    assert.match((await rawExchange(port, [big])).text, /^HTTP\/1\.1 431 Request Header Fields Too Large\r\n/);
    assert.match((await rawExchange(port, [big])).text, /^HTTP\/1\.1 431 /);
    const warnings = logger.lines.filter((l) => l.level === 'warn');
    assert.equal(warnings.length, 1, 'one warning for the burst');
    assert.match(warnings[0].message, /Refused a request from 127\.0\.0\.1 with 431 Request Header Fields Too Large: its headers or URL were larger/);
    assert.equal(store.size, 0);
  });

  it('answers 431 to a URL over the size limit', async () => {
    const logger = recordingLogger();
    await start({}, logger);
    const { text } = await rawExchange(port, [`GET /${'u'.repeat(20_000)} HTTP/1.1\r\nHost: x\r\n\r\n`]);
    assert.match(text, /^HTTP\/1\.1 431 /);
    assert.equal(logger.lines.filter((l) => l.level === 'warn' && /431/.test(l.message)).length, 1);
  });

  it('answers 400 to a request that is not HTTP, with a warning saying why', async () => {
    const logger = recordingLogger();
    await start({}, logger);
    const { text } = await rawExchange(port, ['HELLO THERE\r\n\r\n']);
    assert.match(text, /^HTTP\/1\.1 400 Bad Request\r\n/);
    assert.match(logger.lines.find((l) => l.level === 'warn')!.message, /with 400 Bad Request: it was not valid HTTP \(HPE_/);
  });

  it('loses none of 500 concurrent requests over keep-alive connections', async () => {
    await start();
    const agent = new http.Agent({ keepAlive: true, maxSockets: 50 });
    const results = await Promise.all(
      Array.from({ length: 500 }, (_, i) => send(`${base}/load/${i}`, { body: JSON.stringify({ i }), headers: { 'content-type': 'application/json' }, agent })),
    );
    agent.destroy();
    assert.ok(results.every((r) => r.status === 200));
    assert.equal(store.size, 500);
    const urls = new Set(store.list().map((s) => s.url));
    assert.equal(urls.size, 500);
  });

  it('rejects with EADDRINUSE when the port is taken', async () => {
    await start();
    const other = new WebhookReceiver(store, { host: '127.0.0.1', port, maxBodyBytes: 1024, response: DEFAULT_RESPONSE });
    await assert.rejects(other.listen(), (e: NodeJS.ErrnoException) => e.code === 'EADDRINUSE');
  });

  it('answers 503 when the store cannot keep the delivery, and says so in the log', async () => {
    store = await CaptureStore.open({ folder: folder(), retention: 10 });
    const logger = recordingLogger();
    receiver = new WebhookReceiver(store, { host: '127.0.0.1', port: 0, maxBodyBytes: 1024, response: DEFAULT_RESPONSE }, logger);
    const { url } = await receiver.listen();
    await store.close();
    const res = await send(`${url}/hooks/lost`, { body: 'x' });
    assert.equal(res.status, 503);
    assert.match(logger.lines.map((l) => l.message).join('\n'), /\/hooks\/lost could not be stored: The capture store is closed/);
  });

  it('works with a sink that only offers append() (a promise per delivery)', async () => {
    const stored: string[] = [];
    const sink = {
      append: async (d: IncomingDelivery): Promise<CaptureSummary> => {
        stored.push(Buffer.from(d.body).toString());
        return { id: '1', seq: 1, receivedAt: d.receivedAt, method: d.method, url: d.url, bodySize: d.body.byteLength, truncated: false, responseStatus: d.responseStatus };
      },
    };
    receiver = new WebhookReceiver(sink, { host: '127.0.0.1', port: 0, maxBodyBytes: 1024, response: { ...DEFAULT_RESPONSE, status: 202 } });
    const { url } = await receiver.listen();
    assert.equal((await send(`${url}/p`, { body: 'promised' })).status, 202);
    assert.deepEqual(stored, ['promised']);
  });

  it('close() ends idle keep-alive connections and frees the port', async () => {
    await start();
    const agent = new http.Agent({ keepAlive: true });
    await send(`${base}/a`, { body: 'x', agent });
    const [socket] = Object.values(agent.freeSockets).flat();
    assert.ok(socket, 'an idle keep-alive connection is open');
    const socketClosed = new Promise((resolve) => socket.once('close', resolve));
    await receiver.close();
    await socketClosed;
    const again = new WebhookReceiver(store, { host: '127.0.0.1', port, maxBodyBytes: 1024, response: DEFAULT_RESPONSE });
    await again.listen();
    await again.close();
    agent.destroy();
  });
});

