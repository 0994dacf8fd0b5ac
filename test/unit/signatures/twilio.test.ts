import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import twilio from 'twilio';
import { verifySignature } from '../../../src/core';
import { describeSchemeContract } from './schemeContract';
import { isUtf8, webhookRequest, withHeader } from './webhookRequests';

const AUTH_TOKEN = '12345';
const PUBLIC_URL = 'https://mycompany.com/myapp.php?foo=1&bar=2';

describe('Twilio signatures', () => {
  // Raw and JSON bodies: Twilio puts bodySHA256 in the URL and signs the URL alone.
  describeSchemeContract({
    provider: 'twilio',
    secret: AUTH_TOKEN,
    wrongSecret: '54321',
    timestamped: false,
    unsignedHeaders: { 'i-twilio-idempotency-token': 'idem-1' },
    async sign(body) {
      // The SDK hashes text; the hash of raw non-UTF-8 bytes is taken directly.
      const hash = isUtf8(body) ? twilio.getExpectedBodyHash(body.toString('utf8')) : createHash('sha256').update(body).digest('hex');
      const path = `/hooks/test?bodySHA256=${hash}`;
      const signature = twilio.getExpectedTwilioSignature(AUTH_TOKEN, `https://example.ngrok.app${path}`, {});
      // No publicUrl: the verifier rebuilds https://<Host><path>.
      return webhookRequest({ 'x-twilio-signature': signature, 'content-type': 'application/json', host: 'example.ngrok.app' }, body, { url: path });
    },
  });

  describe('twilio: form parameters', () => {
    const params = { CallSid: 'CA1234567890ABCDE', Caller: '+12349013030', Digits: '1234', From: '+12349013030', To: '+18005551212' };
    const body = new URLSearchParams(params).toString();
    const req = (signature: string, form = body) =>
      webhookRequest({ 'x-twilio-signature': signature, 'content-type': 'application/x-www-form-urlencoded' }, form, { url: '/myapp.php?foo=1&bar=2' });

    it('accepts the SDK\u2019s signature over URL and sorted parameters, as validateRequest does', () => {
      const signature = twilio.getExpectedTwilioSignature(AUTH_TOKEN, PUBLIC_URL, params);
      assert.equal(twilio.validateRequest(AUTH_TOKEN, signature, PUBLIC_URL, params), true);
      const result = verifySignature(req(signature), AUTH_TOKEN, { publicUrl: PUBLIC_URL });
      assert.equal(result.status, 'valid', result.detail);
    });

    it('sorts repeated parameters the way the SDK does', () => {
      const repeated = 'To=%2B18005551212&Media=b&From=%2B1234&Media=a';
      const signature = twilio.getExpectedTwilioSignature(AUTH_TOKEN, PUBLIC_URL, { To: '+18005551212', Media: ['b', 'a'], From: '+1234' });
      assert.equal(verifySignature(req(signature, repeated), AUTH_TOKEN, { publicUrl: PUBLIC_URL }).status, 'valid');
    });

    it('accepts the URL with or without the default port', () => {
      const signature = twilio.getExpectedTwilioSignature(AUTH_TOKEN, 'https://mycompany.com:443/myapp.php?foo=1&bar=2', params);
      assert.equal(verifySignature(req(signature), AUTH_TOKEN, { publicUrl: PUBLIC_URL }).status, 'valid');
    });

    it('calls a changed parameter or URL invalid and says what may differ', () => {
      const signature = twilio.getExpectedTwilioSignature(AUTH_TOKEN, PUBLIC_URL, params);
      const changed = verifySignature(req(signature, body.replace('1234', '9999')), AUTH_TOKEN, { publicUrl: PUBLIC_URL });
      assert.equal(changed.status, 'invalid');
      assert.match(changed.detail ?? '', /URL, parameters or auth token differ/);
      assert.equal(verifySignature(req(signature), AUTH_TOKEN, { publicUrl: 'https://mycompany.com/other' }).status, 'invalid');
    });

    it('rebuilds the URL from the Host header when no public URL is given, and says so', () => {
      const signature = twilio.getExpectedTwilioSignature(AUTH_TOKEN, PUBLIC_URL, params);
      const withHost = withHeader(req(signature), 'host', 'mycompany.com');
      assert.equal(verifySignature(withHost, AUTH_TOKEN).status, 'valid');
      const elsewhere = verifySignature(withHeader(req(signature), 'host', 'localhost:7878'), AUTH_TOKEN);
      assert.equal(elsewhere.status, 'invalid');
      assert.match(elsewhere.detail ?? '', /Host header/);
    });

    it('checks the body against bodySHA256 once the URL signature matches', () => {
      const json = '{"StatusCallbackEvent":"participant-join"}';
      const url = `https://mycompany.com/hook?bodySHA256=${twilio.getExpectedBodyHash(json)}`;
      const signature = twilio.getExpectedTwilioSignature(AUTH_TOKEN, url, {});
      assert.equal(twilio.validateRequestWithBody(AUTH_TOKEN, signature, url, json), true);
      const good = webhookRequest({ 'x-twilio-signature': signature, 'content-type': 'application/json' }, json);
      assert.equal(verifySignature(good, AUTH_TOKEN, { publicUrl: url }).status, 'valid');
      const other = verifySignature({ ...good, body: Buffer.from('{"StatusCallbackEvent":"participant-leave"}') }, AUTH_TOKEN, { publicUrl: url });
      assert.equal(other.status, 'invalid');
      assert.match(other.detail ?? '', /bodySHA256/);
    });

    it('calls a signature that is not base64 of 20 bytes malformed', () => {
      for (const bad of ['%%%', 'RSOYDt4T1cUTdK1PDd93', Buffer.alloc(32).toString('base64')]) {
        assert.equal(verifySignature(req(bad), AUTH_TOKEN, { publicUrl: PUBLIC_URL }).status, 'malformed', bad);
      }
    });
  });
});
