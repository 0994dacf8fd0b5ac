import * as assert from 'node:assert/strict';
import { BUILT_IN_PROVIDERS, deliveryIdOf, describeDelivery, headerMap, PROVIDERS } from '../../../src/core';
import type { DeliveryDescription, RawRequest } from '../../../src/core';
import { GITHUB_EVENTS_WITHOUT_ACTION } from '../../../src/core/providers/builtIn/githubEvents';
import { EVENT_HEADERS } from '../../../src/core/labels/labelHeaders';
import { seededRandom } from '../../support/seededRandom';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const githubExamples = require('@octokit/webhooks-examples') as Array<{ name: string; examples: Array<Record<string, unknown>> }>;

const EVENT_FIELDS = ['type', 'event_type', 'event', 'eventType', 'topic'];

const DEFINITIONS = BUILT_IN_PROVIDERS.map((id) => PROVIDERS[id]);

/** The labels spelled out the slow, obvious way: a header map, every provider's headers, a full JSON.parse. */
function reference(rawHeaders: string[], body: Buffer): DeliveryDescription {
  const req: RawRequest = { method: 'POST', url: '/hooks', headers: headerMap(rawHeaders), body };
  const has = (name: string) => req.headers[name] !== undefined;
  const userAgent = String([req.headers['user-agent']].flat()[0] ?? '').trim();
  const scheme =
    DEFINITIONS.find((d) => d.detection.signatureHeaders.some(has)) ??
    DEFINITIONS.find((d) => d.detection.markerHeaders.some(has)) ??
    DEFINITIONS.find((d) => d.detection.userAgentPrefix !== undefined && userAgent.startsWith(d.detection.userAgentPrefix));
  let payload: Record<string, unknown> = {};
  try {
    const parsed: unknown = JSON.parse(body.toString('utf8'));
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) payload = parsed as Record<string, unknown>;
  } catch {
    // not JSON: no payload labels
  }
  const text = (value: unknown) => (typeof value === 'string' && value ? value : undefined);
  const description: DeliveryDescription = {};
  let headerEvent: string | undefined;
  let eventHeader: string | undefined;
  for (const name of EVENT_HEADERS) {
    for (let i = 0; i < rawHeaders.length && headerEvent === undefined; i += 2) {
      if (rawHeaders[i].toLowerCase() === name && rawHeaders[i + 1]) [headerEvent, eventHeader] = [rawHeaders[i + 1], name];
    }
  }
  if (headerEvent !== undefined) {
    // By design: GitHub events documented without an action are labelled by the header alone.
    const actionless = eventHeader === 'x-github-event' && GITHUB_EVENTS_WITHOUT_ACTION.has(headerEvent);
    const action = actionless ? undefined : text(payload.action);
    description.event = action ? `${headerEvent}.${action}` : headerEvent;
  } else {
    // The provider's own event field first (Slack's event.type, Paddle's event_type), then the common ones.
    let own: unknown = payload;
    if (scheme?.event.kind === 'field') for (const key of scheme.event.field.split('.')) own = typeof own === 'object' && own !== null ? (own as Record<string, unknown>)[key] : undefined;
    const field = EVENT_FIELDS.find((f) => text(payload[f]) !== undefined);
    const event = text(own) ?? (field ? (payload[field] as string) : undefined);
    if (event !== undefined) description.event = event;
  }
  if (scheme) {
    description.provider = scheme.id;
    const id = deliveryIdOf(req, scheme.id);
    if (id !== undefined) description.deliveryId = id;
  }
  return description;
}

function describe_(rawHeaders: string[], body: Buffer): DeliveryDescription {
  return describeDelivery({ method: 'POST', url: '/hooks', rawHeaders, body });
}

const KNOWN_HEADERS = [
  ...new Set(DEFINITIONS.flatMap((d) => [...d.detection.signatureHeaders, ...d.detection.markerHeaders])),
  ...EVENT_HEADERS,
  'user-agent', 'content-type', 'x-shopify-webhook-id', 'linear-delivery', 'i-twilio-idempotency-token', 'x-gitlab-event-uuid',
  'idempotency-key', 'shopify-event-id',
];
const HEADER_VALUES = ['', ' ', 'push', 'issues', 'orders/create', 'd-1', ' padded ', 'Stripe/1.0', 'GitHub-Hookshot/x', 'v1=abc'];
const PAYLOADS: unknown[] = [
  {},
  { action: 'opened', number: 1 },
  { number: 1, action: 'closed' },
  { id: 'evt_1', type: 'customer.created', data: { object: { id: 'cus_1', type: 'nested' } } },
  { id: 42, type: 'invoice.paid' },
  { event_id: 'ev_9', notification_id: 'ntf_1', event_type: 'transaction.completed' },
  { event_id: 7, notification_id: 'ntf_2' },
  { type: 'event_callback', event_id: 'Ev1', event: { type: 'app_mention' } },
  { eventType: 'x', topic: 'y', action: '' },
  [{ eventId: 1 }, { eventId: 2 }],
  [{ sg_event_id: 'a' }, { sg_event_id: 'b' }],
  { type: 'generic', event_type: 'transaction.paid', event_id: 'evt_2' },
  { version: 1, application_id: '12', type: 1, event: { type: 'APPLICATION_AUTHORIZED' } },
  'not an object',
];

describe('describeDelivery', () => {
  it('agrees with the obvious implementation on 3,000 generated requests', () => {
    const next = seededRandom(2026);
    for (let n = 0; n < 3000; n++) {
      const rawHeaders: string[] = [];
      const count = Math.floor(next() * 5);
      for (let i = 0; i < count; i++) {
        const name = KNOWN_HEADERS[Math.floor(next() * KNOWN_HEADERS.length)];
        rawHeaders.push(next() < 0.5 ? name : name.toUpperCase(), HEADER_VALUES[Math.floor(next() * HEADER_VALUES.length)]);
      }
      const payload = PAYLOADS[Math.floor(next() * PAYLOADS.length)];
      const body = Buffer.from(JSON.stringify(payload));
      assert.deepEqual(describe_(rawHeaders, body), reference(rawHeaders, body), `headers ${JSON.stringify(rawHeaders)}, body ${body.toString()}`);
    }
  });

  it('agrees with it on every @octokit/webhooks-examples payload', () => {
    for (const { name, examples } of githubExamples) {
      for (const example of examples) {
        const rawHeaders = ['X-GitHub-Event', name, 'X-GitHub-Delivery', 'd-1', 'User-Agent', 'GitHub-Hookshot/1'];
        const body = Buffer.from(JSON.stringify(example));
        assert.deepEqual(describe_(rawHeaders, body), reference(rawHeaders, body), name);
      }
    }
  });

  it('skips the payload only of GitHub events that never carry an action', () => {
    const withAction = new Set(githubExamples.filter((e) => e.examples.some((p) => 'action' in p)).map((e) => e.name));
    for (const event of GITHUB_EVENTS_WITHOUT_ACTION) assert.ok(!withAction.has(event), `${event} has an action in the examples`);
    const body = Buffer.from(JSON.stringify({ ref: 'refs/heads/main', action: 'unexpected' }));
    assert.equal(describe_(['X-GitHub-Event', 'push'], body).event, 'push');
    assert.equal(describe_(['X-GitLab-Event', 'push'], body).event, 'push.unexpected', 'other providers are still read');
  });

  it('labels a Stripe event from its payload and a GitHub one from its headers', () => {
    const stripe = describe_(['Stripe-Signature', 't=1,v1=x'], Buffer.from('{"id":"evt_1","object":"event","data":{"object":{"id":"cus_1"}},"type":"customer.created"}'));
    assert.deepEqual(stripe, { event: 'customer.created', provider: 'stripe', deliveryId: 'evt_1' });
    const github = describe_(['x-github-event', 'issues', 'X-GitHub-Delivery', ' 72d3 '], Buffer.from('{"action":"opened","issue":{"action":"nested"}}'));
    assert.deepEqual(github, { event: 'issues.opened', provider: 'github', deliveryId: '72d3' });
  });
});
