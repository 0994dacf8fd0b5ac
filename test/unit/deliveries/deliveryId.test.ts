import * as assert from 'node:assert/strict';
import { deliveryIdOf, DuplicateTracker, findDuplicates, type CustomProvider } from '../../../src/core';
import { webhookRequest } from '../signatures/webhookRequests';

describe('deliveryIdOf', () => {
  const cases: [string, Record<string, string>, string, string][] = [
    ['github', { 'x-github-event': 'push', 'x-github-delivery': '72d3162e-cc78-11e3-81ab-4c9367dc0958' }, '{}', '72d3162e-cc78-11e3-81ab-4c9367dc0958'],
    ['standard-webhooks', { 'webhook-id': 'msg_1', 'webhook-signature': 'v1,x' }, '{}', 'msg_1'],
    ['svix', { 'svix-id': 'msg_svix', 'svix-signature': 'v1,x' }, '{}', 'msg_svix'],
    ['stripe', { 'stripe-signature': 't=1,v1=0' }, '{"id":"evt_1NG8Du2eZvKYlo2CUI79vXWy","object":"event"}', 'evt_1NG8Du2eZvKYlo2CUI79vXWy'],
    ['slack', { 'x-slack-signature': 'v0=0' }, '{"type":"event_callback","event_id":"Ev08MFMKH6"}', 'Ev08MFMKH6'],
    ['shopify', { 'x-shopify-topic': 'orders/create', 'x-shopify-webhook-id': 'b54557e4-bdd9-4b37-8a5f-bf7d70bcd043' }, '{}', 'b54557e4-bdd9-4b37-8a5f-bf7d70bcd043'],
    ['gitlab', { 'x-gitlab-event': 'Push Hook', 'x-gitlab-event-uuid': '13792a34-cac6' }, '{}', '13792a34-cac6'],
    ['linear', { 'linear-signature': 'ab', 'linear-delivery': '234d1a4e-b617' }, '{"webhookId":"whk_subscription"}', '234d1a4e-b617'],
    ['paddle', { 'paddle-signature': 'ts=1;h1=0' }, '{"event_id":"evt_01h8","notification_id":"ntf_01h8"}', 'evt_01h8'],
    ['square', { 'x-square-hmacsha256-signature': 'x' }, '{"event_id":"ac3ac95b-f97d"}', 'ac3ac95b-f97d'],
    ['hubspot', { 'x-hubspot-signature-v3': 'x' }, '[{"eventId":100},{"eventId":101}]', '100,101'],
    ['twilio', { 'x-twilio-signature': 'x', 'i-twilio-idempotency-token': 'idem-42' }, 'CallSid=CA1', 'idem-42'],
    ['sendgrid', { 'x-twilio-email-event-webhook-signature': 'x' }, '[{"sg_event_id":"sg_a"},{"sg_event_id":"sg_b"}]', 'sg_a,sg_b'],
    ['discord', { 'x-signature-ed25519': 'x' }, '{"id":"1234567890","type":2}', '1234567890'],
  ];
  for (const [name, headers, body, expected] of cases) {
    it(`${name}: ${expected}`, () => {
      assert.equal(deliveryIdOf(webhookRequest(headers, body)), expected);
    });
  }

  it('uses the given provider instead of detecting one', () => {
    assert.equal(deliveryIdOf(webhookRequest({}, '{"id":"evt_2"}'), 'stripe'), 'evt_2');
  });

  it('returns undefined when there is no id, no provider, or the body is not JSON', () => {
    assert.equal(deliveryIdOf(webhookRequest({ 'x-github-event': 'push' }, '{}')), undefined);
    assert.equal(deliveryIdOf(webhookRequest({}, '{"id":"x"}')), undefined);
    assert.equal(deliveryIdOf(webhookRequest({ 'stripe-signature': 'x' }, Buffer.from([0xff, 0x00]))), undefined);
    assert.equal(deliveryIdOf(webhookRequest({ 'x-hubspot-signature-v3': 'x' }, '[{"eventId":1},{}]')), undefined);
  });

  it('reads a custom provider\u2019s delivery id header', () => {
    const acme: CustomProvider = { id: 'acme', name: 'Acme', signatureHeader: 'x-acme-signature', algorithm: 'sha256', encoding: 'hex', deliveryIdHeader: 'x-acme-delivery' };
    assert.equal(deliveryIdOf(webhookRequest({ 'x-acme-signature': 'ab', 'x-acme-delivery': 'd-1' }, '{}'), undefined, [acme]), 'd-1');
  });
});

describe('duplicate deliveries', () => {
  it('marks later captures with the same delivery id as duplicates of the first', () => {
    const duplicates = findDuplicates([
      { id: 'c1', deliveryId: 'evt_1', provider: 'stripe' },
      { id: 'c2', deliveryId: 'evt_2', provider: 'stripe' },
      { id: 'c3', deliveryId: 'evt_1', provider: 'stripe' },
      { id: 'c4' },
      { id: 'c5' },
      { id: 'c6', deliveryId: 'evt_1', provider: 'github' },
      { id: 'c7', deliveryId: 'evt_1', provider: 'stripe' },
    ]);
    assert.deepEqual([...duplicates], [['c3', 'c1'], ['c7', 'c1']]);
  });

  it('tracks captures as they arrive and promotes the next one when the original is removed', () => {
    const tracker = new DuplicateTracker();
    assert.equal(tracker.observe({ id: 'a', deliveryId: 'd' }), undefined);
    assert.equal(tracker.observe({ id: 'b', deliveryId: 'd' }), 'a');
    assert.equal(tracker.observe({ id: 'c', deliveryId: 'd' }), 'a');
    assert.equal(tracker.observe({ id: 'b', deliveryId: 'd' }), 'a', 'observing twice changes nothing');
    assert.equal(tracker.duplicateOf('a'), undefined);
    assert.equal(tracker.duplicateOf('c'), 'a');
    tracker.forget('a');
    assert.equal(tracker.duplicateOf('b'), undefined);
    assert.equal(tracker.duplicateOf('c'), 'b');
    tracker.clear();
    assert.equal(tracker.duplicateOf('c'), undefined);
    assert.equal(tracker.observe({ id: 'x', deliveryId: '' }), undefined);
  });
});
