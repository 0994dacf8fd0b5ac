import * as assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { verifySignature } from '../../../src/core';
import { describeSchemeContract } from './schemeContract';
import { webhookRequest, withHeader } from './webhookRequests';

// Shopify's Node library verifies only inside a configured app (and needs a runtime adapter), so
// deliveries are signed as https://shopify.dev/docs/apps/build/webhooks/subscribe/https#step-5-verify-the-webhook describes.
const SECRET = 'shpss_0123456789abcdef0123456789abcdef';
const HEADERS = { 'x-shopify-topic': 'orders/create', 'x-shopify-shop-domain': 'example.myshopify.com', 'x-shopify-webhook-id': 'b54557e4-bdd9-4b37-8a5f-bf7d70bcd043' };

function shopifyHmac(body: Buffer, secret = SECRET): string {
  return createHmac('sha256', secret).update(body).digest('base64');
}

describe('Shopify signatures', () => {
  describeSchemeContract({
    provider: 'shopify',
    secret: SECRET,
    wrongSecret: 'shpss_other',
    timestamped: false,
    unsignedHeaders: HEADERS,
    async sign(body) {
      return webhookRequest({ ...HEADERS, 'x-shopify-hmac-sha256': shopifyHmac(body) }, body);
    },
  });

  it('shopify: calls non-base64 and wrong-length signatures malformed', () => {
    const body = Buffer.from('{"id":820982911946154508}');
    const req = webhookRequest({ ...HEADERS, 'x-shopify-hmac-sha256': shopifyHmac(body) }, body);
    assert.equal(verifySignature(req, SECRET).status, 'valid');
    for (const bad of ['not base64!', shopifyHmac(body).slice(4), createHmac('sha1', SECRET).update(body).digest('base64')]) {
      assert.equal(verifySignature(withHeader(req, 'x-shopify-hmac-sha256', bad), SECRET).status, 'malformed', bad);
    }
  });
});
