import * as assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { Paddle } from '@paddle/paddle-node-sdk';
import { verifySignature } from '../../../src/core';
import { describeSchemeContract } from './schemeContract';
import { unixSeconds, webhookRequest, withHeader } from './webhookRequests';

// The Paddle SDK verifies but does not sign; headers are built as
// https://developer.paddle.com/webhooks/signature-verification describes and checked with the SDK below.
const SECRET = 'pdl_ntfset_01gkpjp8bkm3tm53kdgkx6sms7_6h3qd3uFSi9YCD3OLYAShQI90XTI5vEI';

function paddleHeader(body: Buffer, timestamp: number, secrets: readonly string[] = [SECRET]): string {
  const h1 = secrets.map((secret) => `h1=${createHmac('sha256', secret).update(`${timestamp}:`).update(body).digest('hex')}`);
  return [`ts=${timestamp}`, ...h1].join(';');
}

describe('Paddle signatures', () => {
  describeSchemeContract({
    provider: 'paddle',
    secret: SECRET,
    wrongSecret: 'pdl_ntfset_other',
    timestamped: true,
    async sign(body, signedAtMs) {
      return webhookRequest({ 'paddle-signature': paddleHeader(body, unixSeconds(signedAtMs)) }, body);
    },
  });

  describe('paddle: header specifics', () => {
    const body = Buffer.from('{"event_id":"evt_01h8bzakzx3hm2fmen703n5q45","event_type":"transaction.updated","notification_id":"ntf_1"}');

    it('builds the header the way the SDK checks it', async () => {
      const header = paddleHeader(body, unixSeconds(Date.now()));
      // Constructing the client registers the Node runtime the SDK's verifier needs; nothing goes over the network.
      const paddle = new Paddle('pdl_sdbx_apikey_offline_test_key');
      assert.equal(await paddle.webhooks.isSignatureValid(body.toString('utf8'), SECRET, header), true);
      assert.equal(await paddle.webhooks.isSignatureValid(body.toString('utf8'), 'pdl_ntfset_other', header), false);
      assert.equal(verifySignature(webhookRequest({ 'paddle-signature': header }, body), SECRET).status, 'valid');
    });

    it('is valid when any of several h1 signatures matches (secret rotation)', () => {
      const now = Date.now();
      const req = webhookRequest({ 'paddle-signature': paddleHeader(body, unixSeconds(now), ['pdl_old', SECRET]) }, body);
      const result = verifySignature(req, SECRET, { now });
      assert.equal(result.status, 'valid', result.detail);
      assert.equal(result.signatureCount, 2);
      assert.equal(verifySignature(req, 'pdl_third', { now }).status, 'invalid');
    });

    it('calls missing ts, missing h1 and bad hex malformed', () => {
      const now = Date.now();
      const [ts, h1] = paddleHeader(body, unixSeconds(now)).split(';');
      const req = webhookRequest({}, body);
      for (const bad of [h1, ts, `${ts};h1=${h1.slice(3, 20)}`, `ts=now;${h1}`, `${ts},${h1}`]) {
        assert.equal(verifySignature(withHeader(req, 'paddle-signature', bad), SECRET, { now }).status, 'malformed', bad);
      }
    });
  });
});
