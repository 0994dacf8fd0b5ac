// Send Test Event, for real: every sample event of every provider is built and signed as the
// extension sends it, posted over loopback HTTP, and the request that arrived is checked with the
// provider's own SDK (or, where none ships among our dependencies, exactly as its documentation says).
import * as assert from 'node:assert/strict';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { Signature } from '@hubspot/api-client';
import { Paddle } from '@paddle/paddle-node-sdk';
import { EventWebhook } from '@sendgrid/eventwebhook';
import { verifyKey } from 'discord-interactions';
import { WebhooksHelper } from 'square';
import { Webhook as StandardWebhook } from 'standardwebhooks';
import Stripe from 'stripe';
import { Webhook as SvixWebhook } from 'svix';
import twilio from 'twilio';
import type { ProviderId, SampleEvent } from '../../../src/core';
import { BUILT_IN_PROVIDERS, buildTestDelivery, deliveryIdOf, headerMap, readSampleEvents, resendRequest, verifySignature } from '../../../src/core';
import { startRecordingTarget, type ReceivedRequest, type RecordingTarget } from '../../support/recordingTarget';
import { ACME, keysFor, SAMPLES } from '../check/checkFixtures';
import { importEsm } from '../signatures/webhookRequests';

interface Arrival {
  body: Buffer;
  text: string;
  headers: Record<string, string>;
  /** The full URL it was posted to. */
  url: string;
  /** What the handler verifies with: the secret, or the test key's public half. */
  secret: string;
}
type SdkCheck = (arrival: Arrival) => Promise<boolean> | boolean;

let octokitVerify: (secret: string, payload: string, signature: string) => Promise<boolean>;
let LinearWebhookClient: new (secret: string) => { verify(rawBody: Buffer, signature: string): boolean };
const paddle = new Paddle('pdl_sdbx_apikey_offline_test_key');
const stripe = new Stripe('sk_test_x');

const safeEqual = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/** Which verifier each provider's deliveries must satisfy; the name says what it is. */
const VERIFIERS: Record<ProviderId, [name: string, check: SdkCheck]> = {
  github: ['@octokit/webhooks-methods verify', (a) => octokitVerify(a.secret, a.text, a.headers['x-hub-signature-256'])],
  stripe: ['stripe.webhooks.constructEvent', (a) => stripe.webhooks.constructEvent(a.body, a.headers['stripe-signature'], a.secret).id === JSON.parse(a.text).id],
  slack: ['v0 HMAC as Slack documents it', (a) => {
    const expected = `v0=${createHmac('sha256', a.secret).update(`v0:${a.headers['x-slack-request-timestamp']}:`).update(a.body).digest('hex')}`;
    return Math.abs(Date.now() / 1000 - Number(a.headers['x-slack-request-timestamp'])) < 300 && safeEqual(expected, a.headers['x-slack-signature']);
  }],
  shopify: ['base64 HMAC as Shopify documents it', (a) => safeEqual(createHmac('sha256', a.secret).update(a.body).digest('base64'), a.headers['x-shopify-hmac-sha256'])],
  twilio: ['twilio.validateRequest', (a) => twilio.validateRequest(a.secret, a.headers['x-twilio-signature'], a.url, Object.fromEntries(new URLSearchParams(a.text)))],
  'standard-webhooks': ['standardwebhooks / svix Webhook.verify', (a) => {
    const verifier = a.headers['svix-id'] ? new SvixWebhook(a.secret) : new StandardWebhook(a.secret);
    verifier.verify(a.text, a.headers);
    return true;
  }],
  paddle: ['@paddle/paddle-node-sdk isSignatureValid', (a) => paddle.webhooks.isSignatureValid(a.text, a.secret, a.headers['paddle-signature'])],
  square: ['square WebhooksHelper.verifySignature', (a) => WebhooksHelper.verifySignature({ requestBody: a.text, signatureHeader: a.headers['x-square-hmacsha256-signature'], signatureKey: a.secret, notificationUrl: a.url })],
  linear: ['@linear/sdk LinearWebhookClient.verify', (a) => new LinearWebhookClient(a.secret).verify(a.body, a.headers['linear-signature'])],
  gitlab: ['X-Gitlab-Token equal to the secret token, as GitLab documents it', (a) => safeEqual(a.headers['x-gitlab-token'], a.secret)],
  hubspot: ['@hubspot/api-client Signature.isValid (v3)', (a) => Signature.isValid({
    signatureVersion: 'v3', signature: a.headers['x-hubspot-signature-v3'], clientSecret: a.secret, requestBody: a.text, url: a.url, method: 'POST', timestamp: Number(a.headers['x-hubspot-request-timestamp']),
  })],
  discord: ['discord-interactions verifyKey', (a) => verifyKey(a.body, a.headers['x-signature-ed25519'], a.headers['x-signature-timestamp'], a.secret)],
  sendgrid: ['@sendgrid/eventwebhook verifySignature', (a) => {
    const eventWebhook = new EventWebhook();
    return eventWebhook.verifySignature(eventWebhook.convertPublicKeyToECDSA(a.secret), a.body, a.headers['x-twilio-email-event-webhook-signature'], a.headers['x-twilio-email-event-webhook-timestamp']);
  }],
};

function arrivalOf(received: ReceivedRequest, origin: string, secret: string): Arrival {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(received.headers)) if (typeof value === 'string') headers[name] = value;
  return { body: received.body, text: received.body.toString('utf8'), headers, url: `${origin}${received.url}`, secret };
}

describe('Send Test Event: every sample, signed and sent, verifies with the provider\u2019s SDK', function () {
  this.timeout(60_000);
  let target: RecordingTarget;
  before(async () => {
    octokitVerify = (await importEsm<{ verify: typeof octokitVerify }>('@octokit/webhooks-methods')).verify;
    ({ LinearWebhookClient } = await importEsm<{ LinearWebhookClient: typeof LinearWebhookClient }>('@linear/sdk/webhooks'));
    target = await startRecordingTarget(() => ({ status: 200, headers: { 'content-type': 'application/json' }, body: '{"received":true}' }));
  });
  after(async () => {
    await target.close();
  });

  const catalog = readSampleEvents(SAMPLES);

  it('ships valid samples: every provider has two or more, one primary, and no file is refused', () => {
    assert.deepEqual(catalog.problems, []);
    for (const provider of BUILT_IN_PROVIDERS) {
      const own = catalog.samples.filter((s) => s.provider === provider);
      assert.ok(own.length >= 2, `${provider} has ${own.length} samples`);
      assert.equal(own.filter((s) => s.primary).length, 1, `${provider} has one primary sample`);
      assert.equal(own[0].primary, true, `${provider}: the primary sample comes first`);
    }
  });

  for (const provider of BUILT_IN_PROVIDERS) {
    const [verifierName, verify] = VERIFIERS[provider];
    for (const sample of catalog.samples.filter((s) => s.provider === provider)) {
      it(`${provider} ${sample.event}: ${verifierName}`, async () => {
        const { definition, key, handlerSecret } = keysFor(provider);
        const url = `${target.url}/hooks/${provider}?source=workbench`;
        const delivery = buildTestDelivery({ definition, template: sample, targetUrl: url, key, now: Date.now() });
        const result = await resendRequest(delivery);
        assert.ok(result.ok && result.status === 200, 'the target answered');
        const received = target.received[target.received.length - 1];
        assert.deepEqual(received.body, Buffer.from(delivery.body), 'the body arrived as signed');
        const arrival = arrivalOf(received, target.url, handlerSecret);
        assert.equal(await verify(arrival), true, `${verifierName} accepts the delivery`);
        const raw = { method: received.method, url: received.url, headers: headerMap(received.rawHeaders), body: received.body };
        assert.equal(verifySignature(raw, handlerSecret, { provider, publicUrl: arrival.url }).status, 'valid', 'the payload view badge agrees');
        assertProviderHeadersKept(sample, received);
        const arrivedId = deliveryIdOf(raw, provider);
        assert.equal(arrivedId, delivery.deliveryId, 'the id the handler reads is the one reported');
        if (arrivedId !== undefined) assert.equal(sampleIdOf(sample, provider) === arrivedId, false, 'a fresh delivery id, not the sample\u2019s');
      });
    }
  }

  it('signs a custom provider\u2019s generic event as its settings say', async () => {
    const { definition, key } = keysFor('custom:acme');
    const template = { method: 'POST', rawHeaders: ['Content-Type', 'application/json', 'X-Acme-Event', 'order.paid'], body: Buffer.from('{"order":42}') };
    const delivery = buildTestDelivery({ definition, template, targetUrl: `${target.url}/acme`, key, now: Date.now(), customProviders: [ACME] });
    await resendRequest(delivery);
    const received = target.received[target.received.length - 1];
    const timestamp = received.headers['x-acme-timestamp'] as string;
    assert.equal(received.headers['x-acme-signature'], `sha256=${createHmac('sha256', key).update(`${timestamp}.`).update(received.body).digest('hex')}`);
    assert.match(received.headers['x-acme-delivery'] as string, /^[0-9a-f-]{36}$/);
  });

  it('uses a chosen delivery id where the provider carries it, and numbers a batch on from it', () => {
    const sample = (provider: string, event?: string) => catalog.samples.find((s) => s.provider === provider && (event === undefined || s.event === event))!;
    const build = (provider: string, s: SampleEvent, id: string) => {
      const { definition, key } = keysFor(provider);
      return buildTestDelivery({ definition, template: s, targetUrl: 'https://app.example.com/hooks', key, now: Date.now(), deliveryId: { id } });
    };
    assert.equal(build('github', sample('github'), 'redelivery-1').deliveryId, 'redelivery-1');
    assert.equal(headerMap(build('github', sample('github'), 'redelivery-1').rawHeaders)['x-github-delivery'], 'redelivery-1');
    assert.equal(JSON.parse(Buffer.from(build('stripe', sample('stripe'), 'evt_chosen').body).toString()).id, 'evt_chosen');
    const batch = JSON.parse(Buffer.from(build('hubspot', sample('hubspot', 'contact.propertyChange'), '900').body).toString()) as Array<{ eventId: unknown }>;
    assert.deepEqual(batch.map((e) => e.eventId), [900, 901], 'numbers stay numbers');
  });
});

function sampleIdOf(sample: SampleEvent, provider: string): string | undefined {
  return deliveryIdOf({ method: 'POST', url: '/', headers: headerMap(sample.rawHeaders), body: sample.body }, provider);
}

/** The sample's own headers (event name, user agent, content type…) arrive as the provider sends them. */
function assertProviderHeadersKept(sample: SampleEvent, received: ReceivedRequest): void {
  for (let i = 0; i < sample.rawHeaders.length; i += 2) {
    const name = sample.rawHeaders[i].toLowerCase();
    if (/delivery|event-id|webhook-id|idempotency|^svix-id$|^webhook-id$|uuid|token/.test(name)) continue;
    assert.equal(received.headers[name], sample.rawHeaders[i + 1], `${name} arrives unchanged`);
  }
}
