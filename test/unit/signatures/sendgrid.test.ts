import * as assert from 'node:assert/strict';
import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { EventWebhook } from '@sendgrid/eventwebhook';
import { verifySignature } from '../../../src/core';
import { describeSchemeContract } from './schemeContract';
import { unixSeconds, webhookRequest, withHeader } from './webhookRequests';

const SIGNATURE = 'x-twilio-email-event-webhook-signature';
const TIMESTAMP = 'x-twilio-email-event-webhook-timestamp';

/** A P-256 key pair; the verification key is base64 SPKI DER, as SendGrid shows it. */
function verificationKeys(): { privateKey: KeyObject; verificationKey: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  return { privateKey, verificationKey: publicKey.export({ format: 'der', type: 'spki' }).toString('base64') };
}

function sendgridRequest(privateKey: KeyObject, body: Buffer, timestamp: string) {
  const signature = sign('sha256', Buffer.concat([Buffer.from(timestamp), body]), privateKey).toString('base64');
  return webhookRequest({ [SIGNATURE]: signature, [TIMESTAMP]: timestamp }, body);
}

describe('SendGrid signatures', () => {
  const account = verificationKeys();
  const other = verificationKeys();

  describeSchemeContract({
    provider: 'sendgrid',
    secret: account.verificationKey,
    wrongSecret: other.verificationKey,
    timestamped: true,
    unsignedHeaders: { [TIMESTAMP]: String(unixSeconds(Date.now())) },
    async sign(body, signedAtMs) {
      return sendgridRequest(account.privateKey, body, String(unixSeconds(signedAtMs)));
    },
  });

  describe('sendgrid: specifics', () => {
    const body = Buffer.from('[{"email":"a@example.com","event":"delivered","sg_event_id":"sg_1"}]\r\n');

    it('agrees with @sendgrid/eventwebhook', () => {
      const timestamp = String(unixSeconds(Date.now()));
      const req = sendgridRequest(account.privateKey, body, timestamp);
      const eventWebhook = new EventWebhook();
      const key = eventWebhook.convertPublicKeyToECDSA(account.verificationKey);
      assert.equal(eventWebhook.verifySignature(key, body, req.headers[SIGNATURE] as string, timestamp), true);
      assert.equal(verifySignature(req, account.verificationKey).status, 'valid');
      const otherKey = eventWebhook.convertPublicKeyToECDSA(other.verificationKey);
      assert.equal(eventWebhook.verifySignature(otherKey, body, req.headers[SIGNATURE] as string, timestamp), false);
      assert.equal(verifySignature(req, other.verificationKey).status, 'invalid');
    });

    it('accepts the key as PEM too', () => {
      const pem = `-----BEGIN PUBLIC KEY-----\n${account.verificationKey}\n-----END PUBLIC KEY-----\n`;
      assert.equal(verifySignature(sendgridRequest(account.privateKey, body, String(unixSeconds(Date.now()))), pem).status, 'valid');
    });

    it('calls bad signatures and timestamps malformed and explains a bad key', () => {
      const req = sendgridRequest(account.privateKey, body, String(unixSeconds(Date.now())));
      assert.equal(verifySignature(withHeader(req, SIGNATURE, 'not base64!'), account.verificationKey).status, 'malformed');
      assert.equal(verifySignature(withHeader(req, SIGNATURE, Buffer.alloc(64, 1).toString('base64')), account.verificationKey).status, 'malformed');
      assert.equal(verifySignature(withHeader(req, TIMESTAMP, undefined), account.verificationKey).status, 'malformed');
      const badKey = verifySignature(req, 'bm90IGEga2V5');
      assert.equal(badKey.status, 'invalid');
      assert.match(badKey.detail ?? '', /verification key/);
    });
  });
});
