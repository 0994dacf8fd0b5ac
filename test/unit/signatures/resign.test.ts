import * as assert from 'node:assert/strict';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { Signature } from '@hubspot/api-client';
import Stripe from 'stripe';
import { Webhook as StandardWebhook } from 'standardwebhooks';
import { Webhook as SvixWebhook } from 'svix';
import twilio from 'twilio';
import { headerMap, resignRequest, ResignError, verifySignature } from '../../../src/core';
import type { ResignableRequest, ResignedRequest } from '../../../src/core';
import { importEsm } from './webhookRequests';

interface OctokitWebhooksMethods {
  verify(secret: string, payload: string, signature: string): Promise<boolean>;
}

const NOW = Date.now();
const EDITED = Buffer.from('{"id":"evt_1","type":"edited.event","note":"changed by hand ✓"}');
const WHSEC = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const TARGET = 'https://app.example.com/hooks/in?x=1';

function request(rawHeaders: string[], body: Buffer = EDITED, url = '/hooks/in?x=1'): ResignableRequest {
  return { method: 'POST', url, rawHeaders: ['Host', 'abc.tunnel.example', ...rawHeaders, 'Content-Type', 'application/json'], body };
}

function header(resigned: ResignedRequest, name: string): string {
  const value = headerMap(resigned.rawHeaders)[name.toLowerCase()];
  assert.equal(typeof value, 'string', `${name} is present once`);
  return value as string;
}

function verdict(resigned: ResignedRequest, provider: string, secret: string, publicUrl?: string) {
  return verifySignature({ method: 'POST', url: resigned.url, headers: headerMap(resigned.rawHeaders), body: resigned.body }, secret, { provider, now: NOW, publicUrl });
}

describe('resignRequest', () => {
  let octokit: OctokitWebhooksMethods;
  before(async () => {
    octokit = await importEsm<OctokitWebhooksMethods>('@octokit/webhooks-methods');
  });

  it('github: both signature headers, in place, verified by @octokit/webhooks-methods', async () => {
    const secret = 'gh secret';
    const resigned = resignRequest(request(['X-GitHub-Event', 'push', 'X-Hub-Signature', 'sha1=00', 'X-Hub-Signature-256', 'sha256=00']), 'github', secret, NOW);
    assert.deepEqual(resigned.rawHeaders.filter((_, i) => i % 2 === 0), ['Host', 'X-GitHub-Event', 'X-Hub-Signature', 'X-Hub-Signature-256', 'Content-Type']);
    assert.equal(await octokit.verify(secret, EDITED.toString(), header(resigned, 'x-hub-signature-256')), true);
    assert.equal(header(resigned, 'x-hub-signature'), `sha1=${createHmac('sha1', secret).update(EDITED).digest('hex')}`);
    assert.equal(verdict(resigned, 'github', secret).status, 'valid');
  });

  it('stripe: t= and v1= for now, accepted by stripe.webhooks.constructEvent', () => {
    const secret = 'whsec_stripe_test';
    const resigned = resignRequest(request(['Stripe-Signature', 't=1,v1=ab,v0=cd']), 'stripe', secret, NOW);
    assert.match(header(resigned, 'stripe-signature'), new RegExp(`^t=${Math.floor(NOW / 1000)},v1=[0-9a-f]{64}$`));
    const event = new Stripe('sk_test_x').webhooks.constructEvent(EDITED, header(resigned, 'stripe-signature'), secret);
    assert.equal(event.type, 'edited.event');
    assert.equal(verdict(resigned, 'stripe', secret).status, 'valid');
  });

  for (const prefix of ['webhook-', 'svix-'] as const) {
    it(`standard-webhooks: keeps the ${prefix}id, fresh ${prefix}timestamp, verified by the SDK`, () => {
      const resigned = resignRequest(request([`${prefix}id`, 'msg_keep', `${prefix}timestamp`, '1', `${prefix}signature`, 'v1,AAAA']), 'standard-webhooks', WHSEC, NOW);
      assert.equal(header(resigned, `${prefix}id`), 'msg_keep');
      assert.equal(header(resigned, `${prefix}timestamp`), String(Math.floor(NOW / 1000)));
      const headers = headerMap(resigned.rawHeaders) as Record<string, string>;
      const verifier = prefix === 'svix-' ? new SvixWebhook(WHSEC) : new StandardWebhook(WHSEC);
      assert.doesNotThrow(() => verifier.verify(EDITED.toString(), headers));
      assert.equal(verdict(resigned, 'standard-webhooks', WHSEC).status, 'valid');
    });
  }

  it('standard-webhooks: refuses a secret that is not whsec_ base64', () => {
    assert.throws(() => resignRequest(request(['webhook-id', 'm']), 'standard-webhooks', 'whsec_!!', NOW), ResignError);
  });

  it('slack: v0 signature and timestamp, checked the way Slack documents it', () => {
    const secret = '8f742231b10e8888abcd99yyyzzz85a5';
    const resigned = resignRequest(request(['X-Slack-Request-Timestamp', '1', 'X-Slack-Signature', 'v0=00']), 'slack', secret, NOW);
    const timestamp = header(resigned, 'x-slack-request-timestamp');
    assert.ok(Math.abs(Date.now() / 1000 - Number(timestamp)) < 60 * 5, 'within Slack\u2019s five minutes');
    const mine = Buffer.from(`v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${EDITED.toString()}`).digest('hex')}`);
    assert.ok(timingSafeEqual(mine, Buffer.from(header(resigned, 'x-slack-signature'))));
    assert.equal(verdict(resigned, 'slack', secret).status, 'valid');
  });

  it('shopify, paddle and gitlab verify with the same secret', () => {
    for (const [provider, headers, secret] of [
      ['shopify', ['X-Shopify-Topic', 'orders/create', 'X-Shopify-Hmac-Sha256', 'AAAA'], 'shpss_1'],
      ['paddle', ['Paddle-Signature', 'ts=1;h1=00'], 'pdl_ntfset_1'],
      ['gitlab', ['X-Gitlab-Event', 'Push Hook', 'X-Gitlab-Token', 'old'], 'new token'],
    ] as const) {
      const resigned = resignRequest(request([...headers]), provider, secret, NOW);
      assert.equal(verdict(resigned, provider, secret).status, 'valid', provider);
    }
  });

  it('linear: sets the signed webhookTimestamp to now, changing nothing else in the body', () => {
    const original = Buffer.from('{ "action": "update", "data": {"webhookTimestamp": 5}, "webhookTimestamp": 1700000000000, "x": "é" }');
    const resigned = resignRequest(request(['Linear-Event', 'Issue', 'Linear-Signature', '00'], original), 'linear', 'lin_wh_1', NOW);
    const text = Buffer.from(resigned.body).toString();
    assert.equal((JSON.parse(text) as { webhookTimestamp: number }).webhookTimestamp, NOW);
    assert.equal((JSON.parse(text) as { data: { webhookTimestamp: number } }).data.webhookTimestamp, 5);
    const result = verdict(resigned, 'linear', 'lin_wh_1');
    assert.equal(result.status, 'valid', result.detail);
    const compact = Buffer.from('{"action":"create","webhookTimestamp":1700000000000,"data":{}}');
    const fresh = Buffer.from(resignRequest(request(['Linear-Signature', '00'], compact), 'linear', 's', NOW).body).toString();
    assert.equal(fresh, `{"action":"create","webhookTimestamp":${NOW},"data":{}}`);
  });

  it('hubspot v3: signs method, target URL, body and a millisecond timestamp, accepted by Signature.isValid', () => {
    const secret = 'hubspot-client-secret';
    const resigned = resignRequest(request(['X-HubSpot-Signature-v3', 'AAAA', 'X-HubSpot-Request-Timestamp', '1']), 'hubspot', secret, NOW, { targetUrl: TARGET });
    assert.equal(header(resigned, 'x-hubspot-request-timestamp'), String(NOW));
    assert.equal(Signature.isValid({
      signatureVersion: 'v3', signature: header(resigned, 'x-hubspot-signature-v3'), clientSecret: secret, requestBody: EDITED.toString(),
      url: TARGET, method: 'POST', timestamp: NOW,
    }), true);
    assert.equal(verdict(resigned, 'hubspot', secret, TARGET).status, 'valid');
  });

  it('twilio: form bodies sign URL and sorted parameters; JSON bodies get a fresh bodySHA256, both accepted by the SDK', () => {
    const token = 'twilio-auth-token';
    const form = Buffer.from('To=%2B15551234567&Body=Hello+edited&From=%2B15557654321');
    const formRequest = { ...request(['X-Twilio-Signature', 'AAAA'], form), rawHeaders: ['Content-Type', 'application/x-www-form-urlencoded', 'X-Twilio-Signature', 'AAAA'] };
    const signedForm = resignRequest(formRequest, 'twilio', token, NOW, { targetUrl: TARGET });
    const params = Object.fromEntries(new URLSearchParams(form.toString()));
    assert.equal(twilio.validateRequest(token, header(signedForm, 'x-twilio-signature'), TARGET, params), true);
    assert.equal(verdict(signedForm, 'twilio', token, TARGET).status, 'valid');

    const jsonTarget = `https://app.example.com/hooks/in?bodySHA256=${'0'.repeat(64)}`;
    const signedJson = resignRequest(request(['X-Twilio-Signature', 'AAAA'], EDITED, `/hooks/in?bodySHA256=${'0'.repeat(64)}`), 'twilio', token, NOW, { targetUrl: jsonTarget });
    const finalUrl = `https://app.example.com${signedJson.url}`;
    assert.notEqual(signedJson.url, `/hooks/in?bodySHA256=${'0'.repeat(64)}`);
    assert.equal(twilio.validateRequestWithBody(token, header(signedJson, 'x-twilio-signature'), finalUrl, EDITED.toString()), true);
    assert.equal(verdict(signedJson, 'twilio', token, finalUrl).status, 'valid');
  });

  it('square: signs the target URL and body, and the legacy SHA-1 header when the request had it', () => {
    const resigned = resignRequest(request(['x-square-hmacsha256-signature', 'AAAA', 'x-square-signature', 'AAAA']), 'square', 'sq-key', NOW, { targetUrl: TARGET });
    assert.equal(verdict(resigned, 'square', 'sq-key', TARGET).status, 'valid');
    assert.equal(header(resigned, 'x-square-signature'), createHmac('sha1', 'sq-key').update(TARGET).update(EDITED).digest('base64'));
  });

  it('explains what it cannot do: private-key providers, unknown providers, a missing target URL', () => {
    assert.throws(() => resignRequest(request([]), 'discord', 'abcd', NOW), (e: ResignError) => e instanceof ResignError && /Ed25519 private key/.test(e.message));
    assert.throws(() => resignRequest(request([]), 'sendgrid', 'key', NOW), /ECDSA private key/);
    assert.throws(() => resignRequest(request([]), 'acme', 'key', NOW), /supported: github, stripe/);
    assert.throws(() => resignRequest(request([]), 'hubspot', 'key', NOW), /pass the target URL/);
    assert.throws(() => resignRequest(request([]), 'constructor', 'key', NOW), /Cannot re-sign for provider "constructor"/);
  });
});
