import * as assert from 'node:assert/strict';
import { BUILT_IN_PROVIDERS, deliveryIdOf, findProvider, headerMap, PROVIDERS, providerDefinitions, resignRequest, ResignError, verifySignature } from '../../../src/core';
import type { CustomProvider, ProviderDefinition, RawRequest } from '../../../src/core';
import { send } from '../../support/httpClient';
import { useReceiver } from '../../support/receiverFixture';

const ACME: CustomProvider = {
  id: 'acme', name: 'Acme', signatureHeader: 'x-acme-signature', algorithm: 'sha512', encoding: 'base64', prefix: 'v1=',
  timestampHeader: 'x-acme-timestamp', timestampUnit: 'ms', signedContent: '{method} {url}\n{timestamp}.{body}', deliveryIdHeader: 'x-acme-delivery',
};
const WHSEC = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const TARGET = 'https://hooks.example.com/hooks/in?x=1';
const NOW = Date.UTC(2026, 0, 15, 12, 0, 0);
const BODY = Buffer.from('{"id":"evt_1","type":"test.event","event_id":"ev_1","webhookTimestamp":0}');

const secretFor = (d: ProviderDefinition) => (d.id === 'standard-webhooks' ? WHSEC : `${d.id} test secret`);
const asRaw = (r: { url: string; rawHeaders: readonly string[]; body: Uint8Array }): RawRequest => ({ method: 'POST', url: r.url, headers: headerMap([...r.rawHeaders]), body: r.body });

describe('provider registry', () => {
  const all = providerDefinitions([ACME]);

  it('files every built-in provider under its own id, in detection order', () => {
    assert.deepEqual(BUILT_IN_PROVIDERS, ['github', 'stripe', 'slack', 'shopify', 'twilio', 'standard-webhooks', 'paddle', 'square', 'linear', 'gitlab', 'hubspot', 'discord', 'sendgrid']);
    for (const id of BUILT_IN_PROVIDERS) assert.equal(PROVIDERS[id].id, id);
    assert.equal(findProvider('custom:acme', [ACME])?.name, 'Acme');
    assert.equal(findProvider('constructor'), undefined);
    assert.equal(findProvider('custom:acme'), undefined, 'a custom provider exists only with its settings');
  });

  it('knows the response timeouts the providers document', () => {
    const timeouts = Object.fromEntries(BUILT_IN_PROVIDERS.map((id) => [id, PROVIDERS[id].delivery.responseTimeoutSeconds]));
    assert.deepEqual(
      { slack: timeouts.slack, shopify: timeouts.shopify, paddle: timeouts.paddle, github: timeouts.github, square: timeouts.square, 'standard-webhooks': timeouts['standard-webhooks'] },
      { slack: 3, shopify: 5, paddle: 5, github: 10, square: 10, 'standard-webhooks': 15 },
    );
    for (const d of all) {
      assert.match(d.secret.envVar, /^[A-Z][A-Z0-9_]*$/, d.id);
      assert.ok(d.delivery.responseTimeoutSeconds === undefined || d.delivery.responseTimeoutSeconds > 0, d.id);
      assert.ok(d.delivery.retries.schedule.length > 0, d.id);
    }
  });

  for (const definition of providerDefinitions([ACME])) {
    const { signing } = definition;
    if (signing.kind === 'private-key') {
      it(`${definition.id}: cannot be signed with the key the user holds, and says why`, () => {
        assert.throws(() => resignRequest({ method: 'POST', url: '/hooks/in', rawHeaders: [], body: BODY }, definition.id, 'key', NOW), (error: unknown) => error instanceof ResignError && error.message.includes(signing.reason));
      });
      continue;
    }
    it(`${definition.id}: what it signs verifies, at the time and with the delivery id given`, () => {
      const secret = secretFor(definition);
      const request = { method: 'POST', url: '/hooks/in?x=1', rawHeaders: ['Content-Type', 'application/json'], body: BODY };
      const options = { targetUrl: TARGET, customProviders: [ACME] };
      const fresh = resignRequest(request, definition.id, secret, NOW - 2000, options);
      const verify = (r: typeof fresh, s = secret) => verifySignature(asRaw(r), s, { provider: definition.id, now: NOW, publicUrl: TARGET, customProviders: [ACME] });
      assert.equal(verify(fresh).status, 'valid', verify(fresh).detail);
      assert.notEqual(verify(fresh, `${secret}x`).status, 'valid');
      if (definition.timestamp.signed) {
        const stale = resignRequest(request, definition.id, secret, NOW - 400_000, options);
        assert.equal(verify(stale).status, 'expired', verify(stale).detail);
      }
      if (definition.deliveryId.kind === 'header') {
        const withId = resignRequest(request, definition.id, secret, NOW, { ...options, deliveryId: 'test-delivery-7' });
        assert.equal(deliveryIdOf(asRaw(withId), definition.id, [ACME]), 'test-delivery-7');
        assert.equal(verify(withId).status, 'valid', verify(withId).detail);
      }
    });
  }

  describe('handshakes', () => {
    const fixture = useReceiver();

    it('slack: the url_verification the registry describes is answered by the listener the way Slack accepts', async () => {
      const handshake = PROVIDERS.slack.handshake!;
      const base = await fixture.start();
      const challenge = '3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P';
      const answer = await send(`${base}/slack/events`, { body: handshake.body(challenge), headers: { 'content-type': 'application/json' } });
      assert.equal(handshake.accepts({ status: answer.status, body: answer.body.toString() }, challenge), true);
      assert.equal(handshake.accepts({ status: answer.status, body: 'something else' }, challenge), false);
      assert.equal(fixture.store().list()[0].handshake, handshake.kind);
    });
  });
});
