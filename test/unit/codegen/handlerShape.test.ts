// How a generated file reads, in both languages: the developer's functions first and the types
// last, names that say what things are, the idempotency promise in its comments, the provider's own
// tolerance, and Python with the standard library (cryptography only where it has to be).
import * as assert from 'node:assert/strict';
import { generateHandler, planHandler } from '../../../src/core';
import type { HandlerFramework, PayloadSample } from '../../../src/core';
import { coreSpec, MORE_PROVIDERS, moreSpec } from './handlerFixtures';

const sample = (payload: unknown, headers: Record<string, string> = {}): PayloadSample => ({ headers, body: Buffer.from(JSON.stringify(payload)) });
const hubspot = MORE_PROVIDERS.findIndex((p) => p.provider === 'hubspot');
const generatedFor = (framework: HandlerFramework, provider: string, samples: PayloadSample[]) =>
  generateHandler(planHandler(samples, { framework, provider, routePath: `/webhooks/${provider}` }).spec);
const stripeSamples = [
  sample({ id: 'evt_1', object: 'event', type: 'customer.created', data: { object: { id: 'cus_1' } } }),
  sample({ id: 'evt_2', object: 'event', type: 'invoice.paid', data: { object: { id: 'in_1', amount_paid: 1 } } }),
];

describe('generated handlers read well', () => {
  it('per-event functions come first, the machinery after them, the payload types last', () => {
    for (const framework of ['express', 'nextjs', 'flask', 'fastapi'] as const) {
      const { source } = generatedFor(framework, 'stripe', stripeSamples);
      const functions = framework === 'flask' || framework === 'fastapi' ? source.indexOf('def on_customer_created(') : source.indexOf('async onCustomerCreated(');
      const machinery = framework === 'flask' || framework === 'fastapi' ? source.indexOf('def receive_delivery(') : source.indexOf('function receiveDelivery(');
      const types = framework === 'flask' || framework === 'fastapi' ? source.indexOf('class CustomerCreatedEvent(TypedDict)') : source.indexOf('export interface CustomerCreatedEvent');
      assert.ok(functions > 0 && functions < machinery && machinery < types, framework);
      assert.ok(source.lastIndexOf("Payload types, inferred from captured deliveries", types) > machinery, framework);
    }
  });

  it('a batch provider\u2019s function takes `events`, not an `event` that holds an array', () => {
    assert.match(generateHandler(moreSpec('express', hubspot)).source, /async onDelivery\(events: HubSpotBatch\): Promise<void> \{/);
    const batch = [sample([{ eventId: 1, subscriptionType: 'contact.creation', objectId: 5 }])];
    assert.match(generatedFor('flask', 'hubspot', batch).source, /^def on_delivery\(events: HubSpotWebhook\) -> None:$/m);
    assert.match(generatedFor('express', 'stripe', stripeSamples).source, /async onInvoicePaid\(event: InvoicePaidEvent\)/);
  });

  it('says in its comments that an id is done only after its function succeeds, and forgotten when it fails', () => {
    for (const framework of ['express', 'flask'] as const) {
      const { source } = generatedFor(framework, 'stripe', stripeSamples);
      assert.match(source.replace(/\s*(\/\/|#|\*)?\s+/g, ' '), /recorded as done only after the function succeeds, a redelivery that arrives while it is still running is answered 2xx without running it again, and a failure forgets the id so a redelivery runs it again/, framework);
    }
  });

  it('takes the provider\u2019s own timestamp tolerance', () => {
    const tolerance = (spec: Parameters<typeof generateHandler>[0]) => /TOLERANCE_SECONDS = (\d+)/.exec(generateHandler(spec).source)?.[1];
    assert.equal(tolerance(coreSpec('express', 'stripe')), '300');
    assert.equal(tolerance(moreSpec('express', MORE_PROVIDERS.findIndex((p) => p.provider === 'linear'))), '60');
    assert.equal(tolerance(moreSpec('express', MORE_PROVIDERS.findIndex((p) => p.provider === 'paddle'))), '5');
    assert.equal(tolerance({ ...coreSpec('express', 'stripe'), framework: 'flask', typesSource: '', rootTypeName: 'StripeWebhook', events: [], eventSource: { kind: 'none' } }), '300');
  });

  it('Python: an importable module name, the framework\u2019s packages, cryptography only for Ed25519 and ECDSA', () => {
    const spec = (framework: HandlerFramework, provider: string) => ({ framework, provider, typesSource: 'Root: TypeAlias = dict[str, object]', rootTypeName: 'Root', events: [], eventSource: { kind: 'none' as const }, routePath: '/hooks' });
    assert.equal(generateHandler(spec('flask', 'standard-webhooks')).fileName, 'standard_webhooks.py');
    assert.deepEqual(generateHandler(spec('flask', 'github')).dependencies, ['flask']);
    assert.deepEqual(generateHandler(spec('fastapi', 'github')).dependencies, ['fastapi', 'uvicorn']);
    assert.deepEqual(generateHandler(spec('fastapi', 'discord')).dependencies, ['cryptography', 'fastapi', 'uvicorn']);
    assert.deepEqual(generateHandler(spec('flask', 'sendgrid')).dependencies, ['cryptography', 'flask']);
    const standardLibrary = new Set(['base64', 'binascii', 'hashlib', 'hmac', 'json', 'logging', 'math', 'os', 'queue', 're', 'threading', 'time', 'collections.abc', 'dataclasses', 'typing', 'urllib.parse', '__future__']);
    for (const provider of ['github', 'stripe', 'slack', 'shopify', 'twilio', 'standard-webhooks', 'paddle', 'square', 'linear', 'gitlab', 'hubspot']) {
      const { source } = generateHandler(spec('flask', provider));
      const modules = [...source.matchAll(/^(?:import (\S+)|from (\S+) import)/gm)].map((m) => m[1] ?? m[2]);
      assert.deepEqual(modules.filter((m) => !standardLibrary.has(m) && m !== 'flask'), [], provider);
      assert.match(source, /hmac\.compare_digest/, provider);
    }
    assert.match(generateHandler(spec('flask', 'discord')).source, /^from cryptography\.hazmat\.primitives\.asymmetric\.ed25519 import Ed25519PublicKey$/m);
    assert.match(generateHandler(spec('flask', 'discord')).source, /cryptography: Python's standard library has no Ed25519 or ECDSA verification/);
  });

  it('an unknown provider gets a loud hook that rejects everything, in Python too', () => {
    const { source } = generateHandler({ framework: 'fastapi', provider: 'zapier-like', typesSource: 'Root: TypeAlias = dict[str, object]', rootTypeName: 'Root', events: [], eventSource: { kind: 'none' }, routePath: '/hooks' });
    assert.match(source, /!!! SIGNATURE VERIFICATION IS NOT IMPLEMENTED: EVERY DELIVERY IS REJECTED \(401\) !!!/);
    assert.match(source, /^ {4}del delivery, secret\n {4}return False$/m);
  });
});
