import * as assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { WebhooksHelper } from 'square';
import { verifySignature } from '../../../src/core';
import { describeSchemeContract } from './schemeContract';
import { webhookRequest, withHeader } from './webhookRequests';

// Square's SDK verifies but does not sign; signatures follow
// https://developer.squareup.com/docs/webhooks/step3validate and are checked with WebhooksHelper below.
const KEY = 'asdf1234';
const NOTIFICATION_URL = 'https://example.com/webhook';
const HEADERS = { 'square-environment': 'Sandbox', 'square-retry-number': '0' };

function squareSignature(body: Buffer, url = NOTIFICATION_URL, key = KEY, algorithm: 'sha256' | 'sha1' = 'sha256'): string {
  return createHmac(algorithm, key).update(url).update(body).digest('base64');
}

describe('Square signatures', () => {
  describeSchemeContract({
    provider: 'square',
    secret: KEY,
    wrongSecret: 'qwer5678',
    timestamped: false,
    unsignedHeaders: HEADERS,
    options: { publicUrl: NOTIFICATION_URL },
    async sign(body) {
      return webhookRequest({ ...HEADERS, 'x-square-hmacsha256-signature': squareSignature(body) }, body, { url: '/webhook' });
    },
  });

  describe('square: specifics', () => {
    const body = '{"merchant_id":"MLEFBHHSJGVHD","type":"payment.created","event_id":"ac3ac95b-f97d-458c-a6e6-18981597e05f"}';

    it('agrees with WebhooksHelper.verifySignature', async () => {
      const signature = squareSignature(Buffer.from(body));
      assert.equal(await WebhooksHelper.verifySignature({ requestBody: body, signatureHeader: signature, signatureKey: KEY, notificationUrl: NOTIFICATION_URL }), true);
      assert.equal(verifySignature(webhookRequest({ 'x-square-hmacsha256-signature': signature }, body), KEY, { publicUrl: NOTIFICATION_URL }).status, 'valid');
      const other = squareSignature(Buffer.from(body), 'https://example.com/other');
      assert.equal(await WebhooksHelper.verifySignature({ requestBody: body, signatureHeader: other, signatureKey: KEY, notificationUrl: NOTIFICATION_URL }), false);
      assert.equal(verifySignature(webhookRequest({ 'x-square-hmacsha256-signature': other }, body), KEY, { publicUrl: NOTIFICATION_URL }).status, 'invalid');
    });

    it('checks the legacy SHA-1 x-square-signature', () => {
      const req = webhookRequest({ 'x-square-signature': squareSignature(Buffer.from(body), NOTIFICATION_URL, KEY, 'sha1') }, body);
      const result = verifySignature(req, KEY, { publicUrl: NOTIFICATION_URL });
      assert.equal(result.status, 'valid', result.detail);
      assert.equal(result.algorithm, 'HMAC-SHA1');
    });

    it('calls a signature of the wrong length or alphabet malformed', () => {
      const req = webhookRequest({ 'x-square-hmacsha256-signature': 'x' }, body);
      for (const bad of ['@@@@', squareSignature(Buffer.from(body), NOTIFICATION_URL, KEY, 'sha1')]) {
        assert.equal(verifySignature(withHeader(req, 'x-square-hmacsha256-signature', bad), KEY, { publicUrl: NOTIFICATION_URL }).status, 'malformed', bad);
      }
    });
  });
});
