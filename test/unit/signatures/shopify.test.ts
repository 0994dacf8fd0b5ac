import * as assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { deliveryIdOf, describeDelivery, detectProvider, findDuplicates, resignRequest, verifySignature } from '../../../src/core';
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

// Newer deliveries (Shopify Events) name the headers without the X- prefix; @shopify/shopify-api
// reads Shopify-Hmac-Sha256, Shopify-Topic, Shopify-Event-Id and Shopify-Webhook-Id.
const UNPREFIXED = { 'shopify-topic': 'orders/create', 'shopify-shop-domain': 'example.myshopify.com', 'shopify-api-version': '2025-07', 'shopify-webhook-id': 'c1f1e0a2-7d1e-4b4e-9f0a-000000000001', 'shopify-event-id': 'f0e1d2c3-5a6b-4c7d-8e9f-000000000002' };

describe('Shopify signatures, un-prefixed headers', () => {
  describeSchemeContract({
    provider: 'shopify',
    secret: SECRET,
    wrongSecret: 'shpss_other',
    timestamped: false,
    unsignedHeaders: UNPREFIXED,
    async sign(body) {
      return webhookRequest({ ...UNPREFIXED, 'shopify-hmac-sha256': shopifyHmac(body) }, body);
    },
  });

  it('shopify: detects, labels and de-duplicates a delivery that has only Shopify-* headers', () => {
    const body = Buffer.from('{"id":820982911946154508,"email":"jon@example.com"}');
    const rawHeaders = Object.entries({ ...UNPREFIXED, 'Shopify-Hmac-Sha256': shopifyHmac(body) }).flat();
    const req = webhookRequest(Object.fromEntries(Object.entries(UNPREFIXED).concat([['shopify-hmac-sha256', shopifyHmac(body)]])), body);
    assert.equal(detectProvider(req), 'shopify');
    const result = verifySignature(req, SECRET);
    assert.equal(result.status, 'valid', result.detail);
    assert.equal(result.signatureHeader, 'shopify-hmac-sha256');
    assert.deepEqual(describeDelivery({ method: 'POST', url: '/hooks/shopify', rawHeaders, body }), {
      event: 'orders/create',
      provider: 'shopify',
      deliveryId: UNPREFIXED['shopify-event-id'],
    });
    assert.equal(deliveryIdOf(req), UNPREFIXED['shopify-event-id']);
    const retry = describeDelivery({ method: 'POST', url: '/hooks/shopify', rawHeaders: [...rawHeaders, 'Shopify-Triggered-At', '2025-07-01T00:00:00Z'], body });
    assert.deepEqual([...findDuplicates([{ id: 'c1', ...describeDelivery({ method: 'POST', url: '/hooks/shopify', rawHeaders, body }) }, { id: 'c2', ...retry }])], [['c2', 'c1']]);
  });

  it('shopify: when both forms arrive (Events sends both), Shopify-Hmac-Sha256 is the one checked', () => {
    const body = Buffer.from('{"id":1}');
    const req = webhookRequest({ ...HEADERS, ...UNPREFIXED, 'x-shopify-hmac-sha256': 'bm90IGEgc2lnbmF0dXJl', 'shopify-hmac-sha256': shopifyHmac(body) }, body);
    const result = verifySignature(req, SECRET);
    assert.equal(result.status, 'valid', result.detail);
    assert.equal(result.signatureHeader, 'shopify-hmac-sha256');
  });

  it('shopify: re-signs the header form the delivery came with', () => {
    const body = Buffer.from('{"id":2,"note":"edited"}');
    const resigned = resignRequest({ method: 'POST', url: '/hooks/shopify', rawHeaders: ['Shopify-Topic', 'orders/create', 'Shopify-Hmac-Sha256', 'AAAA'], body }, 'shopify', SECRET);
    assert.deepEqual(resigned.rawHeaders, ['Shopify-Topic', 'orders/create', 'Shopify-Hmac-Sha256', shopifyHmac(body)]);
  });
});
