import * as assert from 'node:assert/strict';
import type { CaptureSummary, IncomingDelivery } from '../../../src/core';
import { send } from '../../support/httpClient';
import { useReceiver } from '../../support/receiverFixture';
import { recordingLogger } from '../../support/recordingLogger';

describe('onCaptured hook', () => {
  const fixture = useReceiver();

  it('hears of each stored delivery with its body in memory and its stored summary', async () => {
    const heard: Array<{ delivery: IncomingDelivery; summary: CaptureSummary; stored: boolean }> = [];
    const base = await fixture.start({ onCaptured: (delivery, summary) => heard.push({ delivery, summary, stored: fixture.store().get(summary.id) !== undefined }) });
    const bodies = ['{"a":1}', 'second, not JSON', ''];
    for (const body of bodies) assert.equal((await send(`${base}/hooked?n=${body.length}`, { body, headers: { 'x-github-event': 'push' } })).status, 200);
    assert.deepEqual(heard.map((h) => Buffer.from(h.delivery.body).toString()), bodies);
    assert.deepEqual(heard.map((h) => h.summary.id), fixture.store().list().map((s) => s.id));
    assert.ok(heard.every((h) => h.stored), 'only once the capture is stored');
    assert.equal(heard[0].delivery.provider, 'github', 'after labelling');
    assert.equal(heard[0].delivery.rawHeaders[heard[0].delivery.rawHeaders.findIndex((h) => h.toLowerCase() === 'x-github-event') + 1], 'push');
  });

  it('a failing hook stops neither the answer nor the next delivery, and says why in the log', async () => {
    const logger = recordingLogger();
    let calls = 0;
    const base = await fixture.start({
      onCaptured: () => {
        calls += 1;
        throw new Error('the hook broke');
      },
    }, logger);
    assert.equal((await send(`${base}/one`, { body: '{}' })).status, 200);
    assert.equal((await send(`${base}/two`, { body: '{}' })).status, 200);
    assert.equal(calls, 2);
    assert.equal(fixture.store().size, 2);
    assert.ok(logger.lines.some((l) => l.level === 'error' && /the hook broke/.test(l.message)));
  });

  it('is not called for a delivery the store refused', async () => {
    let calls = 0;
    const base = await fixture.start({ onCaptured: () => (calls += 1) });
    await fixture.store().close();
    assert.equal((await send(`${base}/refused`, { body: '{}' })).status, 503);
    assert.equal(calls, 0);
  });
});
