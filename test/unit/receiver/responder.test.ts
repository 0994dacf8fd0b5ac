import * as http from 'node:http';
import * as assert from 'node:assert/strict';
import { DEFAULT_RESPONSE } from '../../../src/core';
import type { CaptureSummary, IncomingDelivery, ResponseSpec } from '../../../src/core';
import { send } from '../../support/httpClient';
import { useReceiver } from '../../support/receiverFixture';
import { recordingLogger } from '../../support/recordingLogger';

const teapot: ResponseSpec = { status: 418, headers: { 'x-from': 'responder', 'content-type': 'text/plain' }, body: 'short and stout', delayMs: 0 };

describe('responder hook', () => {
  const fixture = useReceiver();

  it('answers with the spec it returns, called with the delivery and its stored summary', async () => {
    const calls: Array<{ delivery: IncomingDelivery; summary: CaptureSummary; storedAlready: boolean }> = [];
    const base = await fixture.start({
      responder: async (delivery, summary) => {
        calls.push({ delivery, summary, storedAlready: fixture.store().get(summary.id) !== undefined });
        return teapot;
      },
    });
    const res = await send(`${base}/forwarded?x=1`, { body: '{"a":1}', headers: { 'content-type': 'application/json' } });
    assert.equal(res.status, 418);
    assert.equal(res.headers['x-from'], 'responder');
    assert.equal(res.body.toString(), 'short and stout');
    assert.equal(calls.length, 1);
    assert.equal(calls[0].delivery.url, '/forwarded?x=1');
    assert.equal(Buffer.from(calls[0].delivery.body).toString(), '{"a":1}');
    assert.equal(calls[0].summary.id, fixture.store().list()[0].id);
    assert.ok(calls[0].storedAlready, 'the responder runs once the capture is stored');
  });

  it('comes before the rules, and undefined falls through to them and then to the default', async () => {
    const base = await fixture.start({
      rules: [{ path: '/ruled/**', status: 409 }],
      responder: async (delivery) => (delivery.url.startsWith('/mine') ? teapot : undefined),
    });
    assert.equal((await send(`${base}/mine`, { body: '' })).status, 418);
    assert.equal((await send(`${base}/ruled/x`, { body: '' })).status, 409);
    assert.equal((await send(`${base}/other`, { body: '' })).status, DEFAULT_RESPONSE.status);
  });

  it('falls back to the rules or default response when it rejects, and logs why', async () => {
    const logger = recordingLogger();
    const base = await fixture.start(
      {
        rules: [{ path: '/ruled', status: 409 }],
        responder: async () => {
          throw new Error('forward target refused the connection');
        },
      },
      logger,
    );
    const res = await send(`${base}/x`, { body: '{}' });
    assert.equal(res.status, DEFAULT_RESPONSE.status);
    assert.equal(res.body.toString(), DEFAULT_RESPONSE.body);
    assert.equal((await send(`${base}/ruled`, { body: '{}' })).status, 409);
    const errors = logger.lines.filter((l) => l.level === 'error');
    assert.equal(errors.length, 2);
    assert.match(errors[0].message, /responder failed for capture \d+.*forward target refused the connection/);
  });

  it('falls back when it throws before returning a promise', async () => {
    const logger = recordingLogger();
    const responder = ((): Promise<ResponseSpec | undefined> => {
      throw new TypeError('not a function of this');
    }) as (d: IncomingDelivery, s: CaptureSummary) => Promise<ResponseSpec | undefined>;
    const base = await fixture.start({ responder }, logger);
    assert.equal((await send(`${base}/x`, { body: '{}' })).status, DEFAULT_RESPONSE.status);
    assert.ok(logger.lines.some((l) => l.level === 'error' && /not a function of this/.test(l.message)));
  });

  it("honours the delay of the spec it returns, and clamps what Node cannot send", async () => {
    const base = await fixture.start({ responder: async () => ({ status: 99, headers: { 'bad header': 'x', 'x-ok': 'y' }, body: 'late', delayMs: 250 }) });
    const started = Date.now();
    const res = await send(`${base}/x`, { body: '' });
    assert.ok(Date.now() - started >= 230);
    assert.equal(res.status, DEFAULT_RESPONSE.status, 'an impossible status becomes the default one');
    assert.equal(res.headers['x-ok'], 'y');
    assert.equal(res.body.toString(), 'late');
  });

  it('is set and removed live', async () => {
    const base = await fixture.start();
    fixture.receiver().updateOptions({ responder: async () => teapot });
    assert.equal((await send(`${base}/x`, { body: '' })).status, 418);
    fixture.receiver().updateOptions({ responder: undefined });
    assert.equal((await send(`${base}/x`, { body: '' })).status, DEFAULT_RESPONSE.status);
  });

  it('records the status the sender really got, durably, before answering', async () => {
    const base = await fixture.start({ rules: [{ path: '/**', status: 202 }], responder: async () => teapot });
    let recordedBeforeAnswer = false;
    const res = await new Promise<number>((resolve) => {
      const req = http.request(`${base}/x`, { method: 'POST' }, (r) => {
        recordedBeforeAnswer = fixture.store().list()[0]?.responseStatus === 418;
        r.resume();
        resolve(r.statusCode ?? 0);
      });
      req.end('');
    });
    assert.equal(res, 418);
    assert.ok(recordedBeforeAnswer, 'the store knew the real status when the answer arrived');
    const reopened = await fixture.reopenStore();
    assert.equal(reopened.list()[0].responseStatus, 418, 'and it survives a reopen');
  });

  it('keeps the status it records through a journal compaction', async () => {
    const base = await fixture.start({ responder: async () => teapot });
    await send(`${base}/x`, { body: '' });
    const store = fixture.store();
    const [first] = store.list();
    for (let i = 0; i < 300; i++) await store.attachForwardResult(first.id, { ok: false, error: 'ECONNREFUSED', message: 'x', latencyMs: 1, target: 'http://127.0.0.1:1' });
    assert.equal(store.get(first.id)?.responseStatus, 418);
    const reopened = await fixture.reopenStore();
    assert.equal(reopened.get(first.id)?.responseStatus, 418);
    assert.equal((await reopened.read(first.id))?.responseStatus, 418);
  });
});
