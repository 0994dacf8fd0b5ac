import * as assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { verifySignature } from '../../../src/core';
import { describeSchemeContract } from './schemeContract';
import { unixSeconds, webhookRequest, withHeader } from './webhookRequests';

// Slack publishes no signing helper (its SDKs only verify), so requests are signed as
// https://api.slack.com/authentication/verifying-requests-from-slack describes, checked against its worked example.
const SECRET = '8f742231b10e8888abcd99yyyzzz85a5';

function slackSignature(body: Buffer, timestamp: number, secret = SECRET): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:`).update(body).digest('hex')}`;
}

describe('Slack signatures', () => {
  describeSchemeContract({
    provider: 'slack',
    secret: SECRET,
    wrongSecret: 'another-signing-secret',
    timestamped: true,
    unsignedHeaders: { 'x-slack-request-timestamp': String(unixSeconds(Date.now())) },
    async sign(body, signedAtMs) {
      const timestamp = unixSeconds(signedAtMs);
      return webhookRequest({ 'x-slack-signature': slackSignature(body, timestamp), 'x-slack-request-timestamp': String(timestamp) }, body);
    },
  });

  describe('slack: header specifics', () => {
    const exampleBody = 'token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c';

    it('accepts Slack\u2019s documented example request', () => {
      const req = webhookRequest({
        'x-slack-request-timestamp': '1531420618',
        'x-slack-signature': 'v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503',
      }, exampleBody);
      const result = verifySignature(req, SECRET, { now: 1531420618_000 + 1000 });
      assert.equal(result.status, 'valid', result.detail);
      assert.equal(result.signedAt, 1531420618_000);
    });

    it('calls bad prefixes, hex and timestamps malformed', () => {
      const now = Date.now();
      const timestamp = unixSeconds(now);
      const good = webhookRequest({ 'x-slack-signature': slackSignature(Buffer.from('{}'), timestamp), 'x-slack-request-timestamp': String(timestamp) }, '{}');
      const signature = good.headers['x-slack-signature'] as string;
      for (const bad of [signature.replace('v0=', 'v1='), signature.slice(0, -4), `v0=${'q'.repeat(64)}`]) {
        assert.equal(verifySignature(withHeader(good, 'x-slack-signature', bad), SECRET, { now }).status, 'malformed', bad);
      }
      assert.equal(verifySignature(withHeader(good, 'x-slack-request-timestamp', undefined), SECRET, { now }).status, 'malformed');
      assert.equal(verifySignature(withHeader(good, 'x-slack-request-timestamp', 'soon'), SECRET, { now }).status, 'malformed');
      assert.equal(verifySignature(good, SECRET, { now }).status, 'valid');
    });
  });
});
