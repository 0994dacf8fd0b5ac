import * as assert from 'node:assert/strict';
import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { verifyKey } from 'discord-interactions';
import { verifySignature } from '../../../src/core';
import { describeSchemeContract } from './schemeContract';
import { unixSeconds, webhookRequest, withHeader } from './webhookRequests';

function applicationKeys(): { privateKey: KeyObject; publicKeyHex: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const raw = publicKey.export({ format: 'der', type: 'spki' }).subarray(-32);
  return { privateKey, publicKeyHex: raw.toString('hex') };
}

function discordRequest(privateKey: KeyObject, body: Buffer, timestamp: string) {
  const signature = sign(null, Buffer.concat([Buffer.from(timestamp), body]), privateKey).toString('hex');
  return webhookRequest({ 'x-signature-ed25519': signature, 'x-signature-timestamp': timestamp }, body);
}

describe('Discord signatures', () => {
  const app = applicationKeys();
  const other = applicationKeys();

  describeSchemeContract({
    provider: 'discord',
    secret: app.publicKeyHex,
    wrongSecret: other.publicKeyHex,
    timestamped: true,
    unsignedHeaders: { 'x-signature-timestamp': String(unixSeconds(Date.now())) },
    async sign(body, signedAtMs) {
      return discordRequest(app.privateKey, body, String(unixSeconds(signedAtMs)));
    },
  });

  describe('discord: specifics', () => {
    const body = Buffer.from('{"type":1,"id":"1234567890"}');

    it('agrees with discord-interactions verifyKey', async () => {
      const timestamp = String(unixSeconds(Date.now()));
      const req = discordRequest(app.privateKey, body, timestamp);
      const signature = req.headers['x-signature-ed25519'] as string;
      assert.equal(await verifyKey(body, signature, timestamp, app.publicKeyHex), true);
      assert.equal(verifySignature(req, app.publicKeyHex).status, 'valid');
      assert.equal(await verifyKey(body, signature, timestamp, other.publicKeyHex), false);
      assert.equal(verifySignature(req, other.publicKeyHex).status, 'invalid');
    });

    it('signs the timestamp: a changed timestamp is invalid', () => {
      const now = Date.now();
      const req = discordRequest(app.privateKey, body, String(unixSeconds(now)));
      assert.equal(verifySignature(withHeader(req, 'x-signature-timestamp', String(unixSeconds(now) - 1)), app.publicKeyHex, { now }).status, 'invalid');
    });

    it('calls bad signatures and timestamps malformed and explains a key that is not hex', () => {
      const req = discordRequest(app.privateKey, body, String(unixSeconds(Date.now())));
      assert.equal(verifySignature(withHeader(req, 'x-signature-ed25519', 'ab'.repeat(32)), app.publicKeyHex).status, 'malformed');
      assert.equal(verifySignature(withHeader(req, 'x-signature-timestamp', undefined), app.publicKeyHex).status, 'malformed');
      const badKey = verifySignature(req, 'not-a-key');
      assert.equal(badKey.status, 'invalid');
      assert.match(badKey.detail ?? '', /public key/);
    });
  });
});
