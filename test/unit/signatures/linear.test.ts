import * as assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { verifySignature } from '../../../src/core';
import { describeSchemeContract } from './schemeContract';
import { importEsm, NON_UTF8_BODY, webhookRequest, withHeader } from './webhookRequests';

interface LinearWebhooksModule {
  LinearWebhookClient: new (secret: string) => { verify(rawBody: Buffer, signature: string): boolean };
}

// @linear/sdk verifies but does not sign; signatures are hex HMAC-SHA256 of the body as Linear documents it.
const SECRET = 'lin_wh_0123456789abcdef';
const linearSignature = (body: Buffer, secret = SECRET) => createHmac('sha256', secret).update(body).digest('hex');

/** Puts the signing time where Linear puts it: `webhookTimestamp` (ms) inside the signed JSON body. */
function linearBody(body: Buffer, signedAtMs: number): Buffer {
  if (body.equals(NON_UTF8_BODY)) return Buffer.concat([Buffer.from(`{"webhookTimestamp":${signedAtMs},"raw":"`), Buffer.from([0xff, 0xfe, 0x80]), Buffer.from('"}')]);
  const text = body.toString('utf8');
  return Buffer.from(`{"webhookTimestamp":${signedAtMs},${text.slice(1)}`);
}

describe('Linear signatures', () => {
  let linear: LinearWebhooksModule;
  before(async () => {
    linear = await importEsm<LinearWebhooksModule>('@linear/sdk/webhooks');
  });

  describeSchemeContract({
    provider: 'linear',
    secret: SECRET,
    wrongSecret: 'lin_wh_other',
    timestamped: true,
    unsignedHeaders: { 'linear-delivery': '234d1a4e-b617-4388-90fe-adc3633d6b72', 'linear-event': 'Issue' },
    bodyAt: linearBody,
    async sign(body) {
      return webhookRequest({ 'linear-signature': linearSignature(body), 'linear-event': 'Issue' }, body);
    },
  });

  describe('linear: specifics', () => {
    it('accepts what LinearWebhookClient.verify accepts and rejects what it rejects', () => {
      const body = linearBody(Buffer.from('{"action":"create","type":"Issue"}'), Date.now());
      const client = new linear.LinearWebhookClient(SECRET);
      assert.equal(client.verify(body, linearSignature(body)), true);
      assert.equal(verifySignature(webhookRequest({ 'linear-signature': linearSignature(body) }, body), SECRET).status, 'valid');
      assert.throws(() => client.verify(body, linearSignature(body, 'lin_wh_other')));
      assert.equal(verifySignature(webhookRequest({ 'linear-signature': linearSignature(body, 'lin_wh_other') }, body), SECRET).status, 'invalid');
    });

    it('judges freshness by the signed webhookTimestamp, not a header', () => {
      const now = Date.now();
      const body = linearBody(Buffer.from('{"type":"Issue"}'), now - 3600_000);
      const req = webhookRequest({ 'linear-signature': linearSignature(body), 'linear-timestamp': String(now) }, body);
      assert.equal(verifySignature(req, SECRET, { now }).status, 'expired');
    });

    it('says when the body carries no webhookTimestamp', () => {
      const body = Buffer.from('{"type":"Issue"}');
      const result = verifySignature(webhookRequest({ 'linear-signature': linearSignature(body) }, body), SECRET);
      assert.equal(result.status, 'valid');
      assert.match(result.detail ?? '', /no webhookTimestamp/);
    });

    it('calls a signature that is not 64 hex characters malformed', () => {
      const req = webhookRequest({}, '{}');
      for (const bad of ['sha256=' + 'a'.repeat(64), 'a'.repeat(63), 'g'.repeat(64)]) {
        assert.equal(verifySignature(withHeader(req, 'linear-signature', bad), SECRET).status, 'malformed', bad);
      }
    });
  });
});
