import * as assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { Signature } from '@hubspot/api-client';
import { verifySignature } from '../../../src/core';
import { describeSchemeContract } from './schemeContract';
import { isUtf8, webhookRequest, withHeader } from './webhookRequests';

const CLIENT_SECRET = 'hubspot-client-secret-0123';
const URL = 'https://example.com/webhooks/hubspot?portal=62515';

function hubspotSignature(body: Buffer, timestamp: number, uri = URL, method = 'POST'): string {
  if (isUtf8(body)) {
    return Signature.getSignature(method, 'v3', { signature: '', clientSecret: CLIENT_SECRET, requestBody: body.toString('utf8'), url: uri, timestamp });
  }
  // The SDK takes the body as text; raw bytes are signed as HubSpot documents v3.
  return createHmac('sha256', CLIENT_SECRET).update(method + uri).update(body).update(String(timestamp)).digest('base64');
}

describe('HubSpot v3 signatures', () => {
  describeSchemeContract({
    provider: 'hubspot',
    secret: CLIENT_SECRET,
    wrongSecret: 'another-client-secret',
    timestamped: true,
    unsignedHeaders: { 'x-hubspot-request-timestamp': String(Date.now()) },
    options: { publicUrl: URL },
    async sign(body, signedAtMs) {
      return webhookRequest({ 'x-hubspot-signature-v3': hubspotSignature(body, signedAtMs), 'x-hubspot-request-timestamp': String(signedAtMs) }, body, { url: '/webhooks/hubspot?portal=62515' });
    },
  });

  describe('hubspot: specifics', () => {
    const body = Buffer.from('[{"eventId":1,"subscriptionType":"contact.creation"}]');

    it('accepts what Signature.isValid accepts', () => {
      const timestamp = Date.now();
      const signature = hubspotSignature(body, timestamp);
      assert.equal(Signature.isValid({ signatureVersion: 'v3', signature, clientSecret: CLIENT_SECRET, requestBody: body.toString(), url: URL, method: 'POST', timestamp }), true);
      const req = webhookRequest({ 'x-hubspot-signature-v3': signature, 'x-hubspot-request-timestamp': String(timestamp) }, body);
      assert.equal(verifySignature(req, CLIENT_SECRET, { publicUrl: URL }).status, 'valid');
    });

    it('signs the method and the URL', () => {
      const timestamp = Date.now();
      const req = webhookRequest({ 'x-hubspot-signature-v3': hubspotSignature(body, timestamp), 'x-hubspot-request-timestamp': String(timestamp) }, body);
      assert.equal(verifySignature({ ...req, method: 'PUT' }, CLIENT_SECRET, { publicUrl: URL }).status, 'invalid');
      const other = verifySignature(req, CLIENT_SECRET, { publicUrl: 'https://example.com/elsewhere' });
      assert.equal(other.status, 'invalid');
      assert.match(other.detail ?? '', /URL/);
    });

    it('accepts a signature over the URI with HubSpot\u2019s listed escapes decoded', () => {
      const timestamp = Date.now();
      const encoded = 'https://example.com/hook?email=a%40b.com&path=%2Fx';
      const req = webhookRequest({ 'x-hubspot-signature-v3': hubspotSignature(body, timestamp, 'https://example.com/hook?email=a@b.com&path=/x'), 'x-hubspot-request-timestamp': String(timestamp) }, body);
      assert.equal(verifySignature(req, CLIENT_SECRET, { publicUrl: encoded }).status, 'valid');
    });

    it('calls bad signatures and timestamps malformed', () => {
      const timestamp = Date.now();
      const req = webhookRequest({ 'x-hubspot-signature-v3': hubspotSignature(body, timestamp), 'x-hubspot-request-timestamp': String(timestamp) }, body);
      assert.equal(verifySignature(withHeader(req, 'x-hubspot-signature-v3', 'abc'), CLIENT_SECRET, { publicUrl: URL }).status, 'malformed');
      assert.equal(verifySignature(withHeader(req, 'x-hubspot-request-timestamp', undefined), CLIENT_SECRET, { publicUrl: URL }).status, 'malformed');
      assert.equal(verifySignature(withHeader(req, 'x-hubspot-request-timestamp', '2024-01-01'), CLIENT_SECRET, { publicUrl: URL }).status, 'malformed');
    });
  });
});
