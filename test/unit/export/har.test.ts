import * as assert from 'node:assert/strict';
import { CaptureStore, harToDeliveries, HarImportError, toHar } from '../../../src/core';
import { delivery } from '../../support/deliveries';
import { useTempFolder } from '../../support/tempFolder';

describe('HAR export and import', () => {
  const folder = useTempFolder();

  it('round-trips captures through HAR 1.2 and back into the store, bytes preserved', async () => {
    const store = await CaptureStore.open({ folder: folder(), retention: 100 });
    const originals = [
      delivery({ url: "/hooks/x?a=1&b=%20c&q='x'", body: Buffer.from('{"é":"✓\\n","n":1}\n'), rawHeaders: ['Host', 't.example', 'Content-Type', 'application/json', 'X-Dup', '1', 'X-Dup', '2', 'X-Empty', ''] }),
      delivery({ method: 'PUT', url: '/bin', body: Buffer.from([0, 255, 128, 10, 13]), rawHeaders: ['Content-Type', 'application/octet-stream'], responseStatus: 413, truncated: true, remoteAddress: '::1' }),
      delivery({ method: 'GET', url: '/health', body: Buffer.alloc(0), rawHeaders: [] }),
    ];
    const stored = [];
    for (const d of originals) stored.push((await store.read((await store.append(d)).id))!);
    const har = JSON.parse(JSON.stringify(toHar(stored, 'http://127.0.0.1:7878/ignored')));
    assert.equal(har.log.version, '1.2');
    assert.equal(har.log.creator.name, 'Webhook Workbench');
    assert.equal(har.log.entries[0].request.url, "http://127.0.0.1:7878/hooks/x?a=1&b=%20c&q='x'");
    assert.deepEqual(har.log.entries[0].request.queryString, [{ name: 'a', value: '1' }, { name: 'b', value: ' c' }, { name: 'q', value: "'x'" }]);
    assert.deepEqual(har.log.entries[0].request.postData, { mimeType: 'application/json', text: '{"é":"✓\\n","n":1}\n' });
    assert.equal(har.log.entries[1].request.postData.encoding, 'base64');
    assert.equal(har.log.entries[1].response.status, 413);
    assert.equal(har.log.entries[2].request.postData, undefined);

    const imported = harToDeliveries(JSON.stringify(har));
    for (const [i, d] of imported.entries()) {
      const o = originals[i];
      assert.deepEqual(
        { ...d, body: Buffer.from(d.body) },
        { ...o, body: Buffer.from(o.body), receivedAt: new Date(o.receivedAt).getTime() },
      );
      const again = await store.read((await store.append(d)).id);
      assert.deepEqual(Buffer.from(again!.body), Buffer.from(o.body));
    }
    await store.close();
  });

  it('imports a browser HAR, skipping HTTP/2 pseudo-headers', () => {
    const [d] = harToDeliveries({ log: { entries: [{
      startedDateTime: '2024-01-02T03:04:05.000Z',
      request: { method: 'post', url: 'https://example.com/api?x=1#frag', httpVersion: 'h2', headers: [{ name: ':authority', value: 'example.com' }, { name: 'content-type', value: 'text/plain' }], postData: { mimeType: 'text/plain', text: 'hi' } },
      response: { status: 201 },
    }] } });
    assert.equal(d.method, 'POST');
    assert.equal(d.url, '/api?x=1');
    assert.deepEqual(d.rawHeaders, ['content-type', 'text/plain']);
    assert.equal(Buffer.from(d.body).toString(), 'hi');
    assert.equal(d.responseStatus, 201);
  });

  it('names what is wrong with a bad file', () => {
    const entry = (request: unknown) => ({ log: { entries: [{ startedDateTime: '2024-01-02T03:04:05Z', request }] } });
    const ok = { method: 'POST', url: 'http://h/', headers: [] };
    assert.throws(() => harToDeliveries('{nope'), (e: Error) => e instanceof HarImportError && /not JSON/.test(e.message));
    assert.throws(() => harToDeliveries({}), /has no "log"/);
    assert.throws(() => harToDeliveries({ log: { entries: {} } }), /log.entries is not an array/);
    assert.throws(() => harToDeliveries(entry({ ...ok, url: '/relative' })), /log.entries\[0\].request.url "\/relative" is not an absolute URL/);
    assert.throws(() => harToDeliveries(entry({ ...ok, headers: [{ name: 'a' }] })), /headers\[0\] has no "value"/);
    assert.throws(() => harToDeliveries(entry({ ...ok, postData: { text: '%%%', encoding: 'base64' } })), /not base64/);
    assert.throws(() => harToDeliveries(entry({ ...ok, postData: { text: 'x', encoding: 'gzip' } })), /only base64/);
    assert.throws(() => harToDeliveries({ log: { entries: [{ startedDateTime: 'yesterday', request: ok }] } }), /not a date/);
  });
});
