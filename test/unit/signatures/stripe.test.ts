import * as assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import Stripe from 'stripe';
import { verifySignature } from '../../../src/core';
import { describeSchemeContract } from './schemeContract';
import { isUtf8, NON_UTF8_BODY, unixSeconds, webhookRequest, withHeader } from './webhookRequests';

const SECRET = 'whsec_test_contract_secret';
const stripe = new Stripe('sk_test_not_used_offline');

function stripeHeader(body: Buffer, signedAtMs: number, secret = SECRET): string {
  const timestamp = unixSeconds(signedAtMs);
  if (isUtf8(body)) return stripe.webhooks.generateTestHeaderString({ payload: body.toString('utf8'), secret, timestamp });
  // The SDK only signs strings; sign the raw bytes as Stripe documents it and let the SDK check it below.
  return `t=${timestamp},v1=${createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest('hex')}`;
}

describe('Stripe signatures', () => {
  describeSchemeContract({
    provider: 'stripe',
    secret: SECRET,
    wrongSecret: 'whsec_other',
    timestamped: true,
    unsignedHeaders: { 'user-agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)' },
    async sign(body, signedAtMs) {
      return webhookRequest({ 'stripe-signature': stripeHeader(body, signedAtMs), 'content-type': 'application/json; charset=utf-8' }, body);
    },
  });

  describe('stripe: header specifics', () => {
    const body = Buffer.from('{"id":"evt_1","object":"event","type":"customer.created"}');
    const now = Date.now();

    it('is valid when any of several v1 signatures matches (secret rotation)', () => {
      const header = stripeHeader(body, now);
      const t = header.split(',')[0];
      const other = `v1=${createHmac('sha256', 'whsec_old').update(`${t.slice(2)}.`).update(body).digest('hex')}`;
      const req = webhookRequest({ 'stripe-signature': `${t},${other},${header.split(',')[1]},v0=${'0'.repeat(64)}` }, body);
      const result = verifySignature(req, SECRET, { now });
      assert.equal(result.status, 'valid', result.detail);
      assert.equal(result.signatureCount, 2);
      assert.equal(verifySignature(req, 'whsec_old', { now }).status, 'valid');
      assert.equal(verifySignature(req, 'whsec_third', { now }).status, 'invalid');
    });

    it('signs raw bytes the way the SDK signs text, so the non-UTF-8 vector is Stripe\u2019s algorithm', () => {
      const timestamp = unixSeconds(now);
      const sdk = stripe.webhooks.generateTestHeaderString({ payload: body.toString('utf8'), secret: SECRET, timestamp });
      const raw = `t=${timestamp},v1=${createHmac('sha256', SECRET).update(`${timestamp}.`).update(body).digest('hex')}`;
      assert.equal(raw, sdk);
      assert.equal(stripe.webhooks.signature!.verifyHeader(body.toString('utf8'), sdk, SECRET), true);
      assert.equal(verifySignature(webhookRequest({ 'stripe-signature': stripeHeader(NON_UTF8_BODY, now) }, NON_UTF8_BODY), SECRET, { now }).status, 'valid');
    });

    it('calls headers without t, without v1, with bad hex or no pairs malformed', () => {
      const header = stripeHeader(body, now);
      const [t, v1] = header.split(',');
      const req = webhookRequest({}, body);
      for (const bad of [v1, t, `${t},v1=${v1.slice(3, -1)}`, `${t},v1=${'z'.repeat(64)}`, 'garbage', `t=yesterday,${v1}`, `${t},v0=${'0'.repeat(64)}`]) {
        const result = verifySignature(withHeader(req, 'stripe-signature', bad), SECRET, { now });
        assert.equal(result.status, 'malformed', `${bad}: ${result.detail}`);
      }
    });
  });
});
