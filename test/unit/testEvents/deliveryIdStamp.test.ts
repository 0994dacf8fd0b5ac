import * as assert from 'node:assert/strict';
import type { SigningRequest } from '../../../src/core';
import { findProvider, stampDeliveryId } from '../../../src/core';

const request = (body: string, rawHeaders: string[] = []): SigningRequest => ({ method: 'POST', url: '/hooks', rawHeaders, body: Buffer.from(body) });
const text = (r: SigningRequest) => Buffer.from(r.body).toString('utf8');
const rule = (provider: string) => findProvider(provider)!.deliveryId;

describe('stampDeliveryId', () => {
  it('changes only the id in a body, keeping its formatting (Stripe sends indented JSON)', () => {
    const body = '{\n  "id": "evt_old",\n  "object": "event",\n  "data": {\n    "object": { "id": "pi_1" }\n  }\n}';
    const stamped = stampDeliveryId(request(body), rule('stripe'), 'evt_new');
    assert.equal(text(stamped.request), body.replace('evt_old', 'evt_new'));
    assert.equal(stamped.deliveryId, 'evt_new');
  });

  it('changes the top-level field even when a nested one of the same name comes first', () => {
    const stamped = stampDeliveryId(request('{"data":{"id":"nested"},"id":"evt_old"}'), rule('stripe'), 'evt_new');
    assert.deepEqual(JSON.parse(text(stamped.request)), { data: { id: 'nested' }, id: 'evt_new' });
  });

  it('keeps each field\u2019s own prefix: Paddle\u2019s notification_id stays ntf_', () => {
    const stamped = stampDeliveryId(request('{"event_id":"evt_a","event_type":"x","notification_id":"ntf_a"}'), rule('paddle'), 'evt_fresh123');
    assert.deepEqual(JSON.parse(text(stamped.request)), { event_id: 'evt_fresh123', event_type: 'x', notification_id: 'ntf_fresh123' });
  });

  it('sets the id header in the spelling the request uses, or adds the provider\u2019s', () => {
    const svix = stampDeliveryId(request('{}', ['svix-id', 'msg_old']), rule('standard-webhooks'), 'msg_new');
    assert.deepEqual(svix.request.rawHeaders, ['svix-id', 'msg_new']);
    const none = stampDeliveryId(request('{}', ['Content-Type', 'application/json']), rule('github'), 'guid-1');
    assert.deepEqual(none.request.rawHeaders, ['Content-Type', 'application/json', 'x-github-delivery', 'guid-1']);
  });

  it('gives every event of a batch its own fresh id, numbers staying numbers', () => {
    let n = 100;
    const stamped = stampDeliveryId(request('[{"eventId":1,"x":1},{"eventId":2,"x":2}]'), rule('hubspot'), () => String(n++));
    assert.equal(text(stamped.request), '[{"eventId":100,"x":1},{"eventId":101,"x":2}]');
    assert.equal(stamped.deliveryId, '100,101');
  });

  it('adds no id where the provider\u2019s event carries none (Discord Webhook Events)', () => {
    const body = '{"version":1,"type":1,"event":{"type":"APPLICATION_AUTHORIZED"}}';
    const stamped = stampDeliveryId(request(body), rule('discord'), '123');
    assert.equal(text(stamped.request), body);
    assert.equal(stamped.deliveryId, undefined);
  });

  it('leaves a body that is not JSON alone', () => {
    const stamped = stampDeliveryId(request('{"id": "evt_1", "type": '), rule('stripe'), 'evt_2');
    assert.equal(text(stamped.request), '{"id": "evt_1", "type": ');
  });
});
