// Replay as Provider Retry: a capture sent again as its provider retries it, received over loopback
// HTTP and verified; and what the provider makes of the answer, from the registry's delivery facts.
import * as assert from 'node:assert/strict';
import { WebhooksHelper } from 'square';
import { Webhook as StandardWebhook } from 'standardwebhooks';
import type { ForwardResult } from '../../../src/core';
import { buildProviderRetry, buildTestDelivery, explainProviderAnswer, findProvider, headerMap, readSampleEvents, resendRequest, verifySignature } from '../../../src/core';
import { startRecordingTarget, type RecordingTarget } from '../../support/recordingTarget';
import { ACME, keysFor, SAMPLES } from '../check/checkFixtures';

const primary = (provider: string) => readSampleEvents(SAMPLES, provider).samples[0];

describe('provider retries', () => {
  let target: RecordingTarget;
  before(async () => {
    target = await startRecordingTarget(() => ({ status: 200 }));
  });
  after(async () => {
    await target.close();
  });

  /** A delivery as if the provider had sent it an hour ago: what a capture holds. */
  function capturedDelivery(provider: string, extraHeaders: string[] = []) {
    const { definition, key, handlerSecret } = keysFor(provider);
    const sample = primary(provider);
    const delivery = buildTestDelivery({ definition, template: { ...sample, rawHeaders: [...sample.rawHeaders, ...extraHeaders] }, targetUrl: `${target.url}/hooks/${provider}`, key, now: Date.now() - 3600_000 });
    return { definition, key, handlerSecret, delivery };
  }

  async function sendRetry(provider: string, extraHeaders: string[] = [], reason?: 'http_timeout' | 'http_error') {
    const { definition, key, handlerSecret, delivery } = capturedDelivery(provider, extraHeaders);
    const retry = buildProviderRetry({ definition, capture: delivery, targetUrl: `${target.url}/hooks/${provider}`, key, now: Date.now(), reason });
    await resendRequest(retry);
    const received = target.received[target.received.length - 1];
    const raw = { method: received.method, url: received.url, headers: headerMap(received.rawHeaders), body: received.body };
    return { delivery, retry, received, raw, handlerSecret };
  }

  it('slack: the same event_id, a fresh signature, X-Slack-Retry-Num counting on from the capture\u2019s', async () => {
    const { delivery, retry, received, raw, handlerSecret } = await sendRetry('slack', ['X-Slack-Retry-Num', '1', 'X-Slack-Retry-Reason', 'http_error'], 'http_timeout');
    assert.equal(retry.attempt, 2);
    assert.equal(received.headers['x-slack-retry-num'], '2');
    assert.equal(received.headers['x-slack-retry-reason'], 'http_timeout');
    assert.equal(retry.deliveryId, delivery.deliveryId);
    assert.deepEqual(received.body, Buffer.from(delivery.body), 'the same body');
    assert.equal(verifySignature(raw, handlerSecret, { provider: 'slack' }).status, 'valid', 'fresh: the capture\u2019s hour-old signature would be expired');
    assert.equal(verifySignature({ ...raw, headers: headerMap(delivery.rawHeaders) }, handlerSecret, { provider: 'slack' }).status, 'expired', 'the capture itself is too old to pass');
  });

  it('square: square-retry-number 1 on a first retry, signed over the target URL (Square\u2019s WebhooksHelper agrees)', async () => {
    const { delivery, retry, received, handlerSecret } = await sendRetry('square');
    assert.equal(retry.attempt, 1);
    assert.equal(received.headers['square-retry-number'], '1');
    assert.equal(received.headers['square-retry-reason'], 'http_error');
    assert.equal(JSON.parse(received.body.toString()).event_id, delivery.deliveryId);
    assert.equal(await WebhooksHelper.verifySignature({ requestBody: received.body.toString(), signatureHeader: received.headers['x-square-hmacsha256-signature'] as string, signatureKey: handlerSecret, notificationUrl: `${target.url}${received.url}` }), true);
  });

  it('standard webhooks: the same webhook-id with a new timestamp, accepted by the SDK', async () => {
    const { delivery, received, handlerSecret } = await sendRetry('standard-webhooks');
    assert.equal(received.headers['webhook-id'], delivery.deliveryId);
    assert.notEqual(received.headers['webhook-timestamp'], headerMap(delivery.rawHeaders)['webhook-timestamp']);
    assert.doesNotThrow(() => new StandardWebhook(handlerSecret).verify(received.body.toString(), received.headers as Record<string, string>));
  });

  it('discord: re-signed with the test key, since only Discord holds its own', async () => {
    const { raw, handlerSecret } = await sendRetry('discord');
    assert.equal(verifySignature(raw, handlerSecret, { provider: 'discord' }).status, 'valid');
  });

  describe('what the provider makes of the answer', () => {
    const answered = (status: number, latencyMs = 12, headers: Array<[string, string]> = []): ForwardResult => ({ ok: true, status, headers, bodyExcerpt: '', bodyBytes: 0, latencyMs, target: 'http://x' });
    const slack = findProvider('slack')!;

    it('a 2xx in time is delivered and not retried', () => {
      const verdict = explainProviderAnswer(slack, answered(200));
      assert.equal(verdict.delivered, true);
      assert.match(verdict.summary, /Slack counts 200 in 12 ms as delivered \(it waits up to 3 s\)/);
    });

    it('a 5xx is retried on the provider\u2019s schedule, and it says when the endpoint is turned off', () => {
      const verdict = explainProviderAnswer(slack, answered(500));
      assert.equal(verdict.delivered, false);
      assert.match(verdict.consequences.join(' '), /retries it: up to 3 retries/);
      assert.match(verdict.consequences.join(' '), /X-Slack-No-Retry: 1 would stop the retries/);
      assert.match(verdict.consequences.join(' '), /event subscriptions are turned off/);
    });

    it('X-Slack-No-Retry: 1 on the answer stops Slack\u2019s retries', () => {
      const verdict = explainProviderAnswer(slack, answered(500, 5, [['x-slack-no-retry', '1']]));
      assert.match(verdict.consequences[0], /does not retry it/);
    });

    it('a 2xx after the provider stopped waiting is a failure, and no answer is one too', () => {
      assert.equal(explainProviderAnswer(slack, answered(200, 4000)).delivered, false);
      assert.match(explainProviderAnswer(slack, answered(200, 4000)).summary, /stops waiting after 3 s/);
      const down = explainProviderAnswer(findProvider('github')!, { ok: false, error: 'ECONNREFUSED', message: 'refused', latencyMs: 1, target: 'http://x' });
      assert.match(down.summary, /GitHub gets no answer \(ECONNREFUSED\)/);
      assert.match(down.consequences[0], /GitHub does not retry by itself: none: failed deliveries are redelivered by hand/);
    });

    it('a custom provider\u2019s retries are not known, and its timeout is the documented default', () => {
      const acme = findProvider('custom:acme', [ACME])!;
      const verdict = explainProviderAnswer(acme, answered(503));
      assert.match(verdict.consequences[0], /Whether Acme retries is not known/);
      assert.match(explainProviderAnswer(acme, answered(200)).summary, /waits up to 10 s/);
    });
  });
});
