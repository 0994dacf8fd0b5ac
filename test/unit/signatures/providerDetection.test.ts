import * as assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { BUILT_IN_PROVIDERS, detectProvider, verifySignature } from '../../../src/core';
import { webhookRequest } from './webhookRequests';

describe('detectProvider', () => {
  const cases: [Record<string, string>, string | undefined][] = [
    [{ 'x-hub-signature-256': 'sha256=00' }, 'github'],
    [{ 'x-github-event': 'ping' }, 'github'],
    [{ 'stripe-signature': 't=1,v1=00' }, 'stripe'],
    [{ 'user-agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)' }, 'stripe'],
    [{ 'x-slack-signature': 'v0=00' }, 'slack'],
    [{ 'x-slack-request-timestamp': '1' }, 'slack'],
    [{ 'x-shopify-topic': 'orders/create' }, 'shopify'],
    [{ 'x-twilio-signature': 'abc' }, 'twilio'],
    [{ 'webhook-id': 'msg_1' }, 'standard-webhooks'],
    [{ 'svix-signature': 'v1,abc' }, 'standard-webhooks'],
    [{ 'paddle-signature': 'ts=1;h1=00' }, 'paddle'],
    [{ 'x-square-hmacsha256-signature': 'abc' }, 'square'],
    [{ 'square-environment': 'Production' }, 'square'],
    [{ 'linear-delivery': 'd' }, 'linear'],
    [{ 'x-gitlab-event': 'Push Hook' }, 'gitlab'],
    [{ 'x-hubspot-signature-v3': 'abc' }, 'hubspot'],
    [{ 'x-signature-ed25519': 'ab' }, 'discord'],
    [{ 'x-twilio-email-event-webhook-signature': 'MEUC' }, 'sendgrid'],
    [{ 'content-type': 'application/json', 'user-agent': 'curl/8.0' }, undefined],
  ];
  for (const [headers, provider] of cases) {
    it(`${JSON.stringify(headers)} → ${provider ?? 'undefined'}`, () => {
      assert.equal(detectProvider(webhookRequest(headers, '{}')), provider);
    });
  }

  it('prefers a signature header over another provider\u2019s marker header', () => {
    assert.equal(detectProvider(webhookRequest({ 'x-github-event': 'push', 'stripe-signature': 't=1,v1=00' }, '{}')), 'stripe');
  });

  it('reads header names in any case and repeated headers', () => {
    assert.equal(detectProvider({ method: 'POST', url: '/', headers: { 'X-GitHub-Event': 'push' }, body: Buffer.alloc(0) }), 'github');
    assert.equal(detectProvider(webhookRequest({ 'x-gitlab-token': ['a', 'b'] }, '{}')), 'gitlab');
  });

  it('lists every built-in provider id from the architecture', () => {
    assert.deepEqual([...BUILT_IN_PROVIDERS].sort(), ['discord', 'github', 'gitlab', 'hubspot', 'linear', 'paddle', 'sendgrid', 'shopify', 'slack', 'square', 'standard-webhooks', 'stripe', 'twilio']);
  });
});

describe('verifySignature without a provider', () => {
  it('leaves the provider undefined when no provider headers are present', () => {
    const result = verifySignature(webhookRequest({ 'content-type': 'application/json' }, '{}'), 'secret');
    assert.equal(result.status, 'unsigned');
    assert.equal(result.provider, undefined);
  });

  it('lets options.provider decide between two providers\u2019 headers', () => {
    const body = '{"id":"evt_1"}';
    const now = Date.now();
    const t = Math.floor(now / 1000);
    const req = webhookRequest({
      'x-hub-signature-256': `sha256=${createHmac('sha256', 'gh').update(body).digest('hex')}`,
      'stripe-signature': `t=${t},v1=${createHmac('sha256', 'st').update(`${t}.${body}`).digest('hex')}`,
    }, body);
    assert.equal(verifySignature(req, 'gh', { provider: 'github', now }).status, 'valid');
    assert.equal(verifySignature(req, 'st', { provider: 'stripe', now }).status, 'valid');
    assert.equal(verifySignature(req, 'gh', { provider: 'stripe', now }).status, 'invalid');
  });

  it('names an unknown provider and the known ones', () => {
    const result = verifySignature(webhookRequest({}, '{}'), 'secret', { provider: 'acme' });
    assert.equal(result.status, 'unsigned');
    assert.equal(result.provider, 'acme');
    assert.match(result.detail ?? '', /Unknown provider "acme"; known: github, stripe/);
  });
});
