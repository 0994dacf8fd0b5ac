import * as assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { Webhook as StandardWebhook } from 'standardwebhooks';
import { Webhook as SvixWebhook } from 'svix';
import { verifySignature } from '../../../src/core';
import { describeSchemeContract } from './schemeContract';
import { isUtf8, NON_UTF8_BODY, webhookRequest, withHeader } from './webhookRequests';

const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const OTHER = 'whsec_' + Buffer.from('another secret of 24 byt').toString('base64');

describe('Standard Webhooks signatures', () => {
  const webhook = new StandardWebhook(SECRET);

  describeSchemeContract({
    provider: 'standard-webhooks',
    secret: SECRET,
    wrongSecret: OTHER,
    timestamped: true,
    unsignedHeaders: { 'webhook-id': 'msg_unsigned', 'webhook-timestamp': String(Math.floor(Date.now() / 1000)) },
    async sign(body, signedAtMs) {
      return webhookRequest({
        'webhook-id': 'msg_p5jXN8AQM9LWM0D4loKWxJek',
        'webhook-timestamp': String(Math.floor(signedAtMs / 1000)),
        'webhook-signature': signWithSdkWhenText(webhook, 'msg_p5jXN8AQM9LWM0D4loKWxJek', signedAtMs, body),
      }, body);
    },
  });

  describeSchemeContract({
    provider: 'standard-webhooks',
    secret: SECRET,
    wrongSecret: OTHER,
    timestamped: true,
    unsignedHeaders: { 'svix-id': 'msg_unsigned' },
    async sign(body, signedAtMs) {
      return webhookRequest({
        'svix-id': 'msg_svix',
        'svix-timestamp': String(Math.floor(signedAtMs / 1000)),
        'svix-signature': signWithSdkWhenText(new SvixWebhook(SECRET), 'msg_svix', signedAtMs, body),
      }, body);
    },
  });

  describe('standard-webhooks: header specifics', () => {
    const body = Buffer.from('{"type":"user.created","data":{"id":"user_1"}}');
    const now = Date.now();
    const signedAt = new Date(now);
    const headers = {
      'webhook-id': 'msg_1',
      'webhook-timestamp': String(Math.floor(now / 1000)),
      'webhook-signature': webhook.sign('msg_1', signedAt, body),
    };

    it('is valid when any signature in the space-separated list matches, skipping other versions', () => {
      const rotated = new StandardWebhook(OTHER).sign('msg_1', signedAt, body);
      const req = webhookRequest({ ...headers, 'webhook-signature': `v1a,${Buffer.alloc(64).toString('base64')} ${rotated} ${headers['webhook-signature']}` }, body);
      const result = verifySignature(req, SECRET, { now });
      assert.equal(result.status, 'valid', result.detail);
      assert.equal(result.signatureCount, 2);
      assert.equal(verifySignature(req, OTHER, { now }).status, 'valid');
      assert.equal(verifySignature(req, 'whsec_' + Buffer.from('third').toString('base64'), { now }).status, 'invalid');
    });

    it('signs raw bytes the way the SDK signs text, so the non-UTF-8 vector follows the specification', () => {
      assert.equal(rawSignature('msg_1', now, body), headers['webhook-signature']);
      const raw = { 'webhook-id': 'msg_2', 'webhook-timestamp': headers['webhook-timestamp'], 'webhook-signature': rawSignature('msg_2', now, NON_UTF8_BODY) };
      assert.equal(verifySignature(webhookRequest(raw, NON_UTF8_BODY), SECRET, { now }).status, 'valid');
    });

    it('accepts what the SDK verifies', () => {
      assert.doesNotThrow(() => webhook.verify(body, headers));
      assert.equal(verifySignature(webhookRequest(headers, body), SECRET, { now }).status, 'valid');
    });

    it('signs the id: a changed webhook-id is invalid', () => {
      assert.equal(verifySignature(webhookRequest({ ...headers, 'webhook-id': 'msg_other' }, body), SECRET, { now }).status, 'invalid');
    });

    it('calls bad entries, missing ids and timestamps malformed', () => {
      const req = webhookRequest(headers, body);
      const sig = headers['webhook-signature'];
      for (const bad of [sig.replace('v1,', ''), sig.replace('v1,', 'v1='), `v1,${sig.slice(3, -6)}`, `v1,${'*'.repeat(44)}`, `v1a,${sig.slice(3)}`]) {
        assert.equal(verifySignature(withHeader(req, 'webhook-signature', bad), SECRET, { now }).status, 'malformed', bad);
      }
      assert.equal(verifySignature(withHeader(req, 'webhook-id', undefined), SECRET, { now }).status, 'malformed');
      assert.equal(verifySignature(withHeader(req, 'webhook-timestamp', 'later'), SECRET, { now }).status, 'malformed');
    });

    it('explains a secret that is not whsec_ base64', () => {
      const result = verifySignature(webhookRequest(headers, body), 'whsec_***', { now });
      assert.equal(result.status, 'invalid');
      assert.match(result.detail ?? '', /whsec_/);
    });
  });
});

/** The SDKs turn a Buffer into a UTF-8 string before signing, so raw non-UTF-8 bytes are signed per the specification. */
function signWithSdkWhenText(sdk: { sign(id: string, at: Date, payload: string | Buffer): string }, id: string, signedAtMs: number, body: Buffer): string {
  return isUtf8(body) ? sdk.sign(id, new Date(signedAtMs), body) : rawSignature(id, signedAtMs, body);
}

function rawSignature(id: string, signedAtMs: number, body: Buffer): string {
  const key = Buffer.from(SECRET.slice('whsec_'.length), 'base64');
  return `v1,${createHmac('sha256', key).update(`${id}.${Math.floor(signedAtMs / 1000)}.`).update(body).digest('base64')}`;
}
