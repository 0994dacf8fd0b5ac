// The duplicate badge (the extension's deliveryIdOf) and the generated handler's duplicate check must
// name the same delivery id for every provider's real deliveries: otherwise the handler runs a
// redelivery the badge calls a duplicate, or skips one the badge calls new. Each generated handler
// is transpiled and loaded, and its own deliveryIdOf and receiveDelivery are called.
import * as assert from 'node:assert/strict';
import { generateKeyPairSync, sign } from 'node:crypto';
import * as path from 'node:path';
import * as ts from 'typescript';
import { BUILT_IN_PROVIDERS, decodePayload, deliveryIdOf, findProvider, generateHandler, resignRequest } from '../../../src/core';
import type { HandlerSpec, RawRequest } from '../../../src/core';
import { CUSTOM, DELIVERIES } from '../../support/deliveryIdCases';
import { writeGenerated } from '../codegen/handlerFixtures';

interface GeneratedDelivery {
  method: string;
  url: string;
  rawBody: Buffer;
  header(name: string): string | undefined;
}
interface GeneratedModule {
  deliveryIdOf?: (delivery: GeneratedDelivery, payload: unknown) => string | undefined;
  receiveDelivery(delivery: GeneratedDelivery): { status: number; body?: Record<string, unknown>; work?: () => Promise<void> };
}

function spec(provider: string): HandlerSpec {
  return {
    framework: 'node-http',
    provider,
    customProviders: CUSTOM,
    typesSource: 'export type AnyPayload = unknown;',
    rootTypeName: 'AnyPayload',
    events: [],
    eventSource: { kind: 'none' },
    routePath: '/hooks/in',
  };
}

const modules = new Map<string, GeneratedModule>();
function generated(provider: string): GeneratedModule {
  let mod = modules.get(provider);
  if (!mod) {
    const source = generateHandler(spec(provider)).source;
    const js = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 } }).outputText;
    const file = writeGenerated(path.join('agreement', provider.replace(/[^a-z0-9-]/g, '-')), 'handler.js', js);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    mod = require(file) as GeneratedModule;
    modules.set(provider, mod);
  }
  return mod;
}

function asDelivery(headers: Record<string, string>, body: string): GeneratedDelivery {
  return { method: 'POST', url: '/hooks/in', rawBody: Buffer.from(body), header: (name) => headers[name.toLowerCase()] };
}

/** The payload as the generated receiveDelivery parses it. */
function parsed(provider: string, headers: Record<string, string>, body: string): unknown {
  return decodePayload(findProvider(provider, CUSTOM)!.payloadFormat, headers['content-type'], Buffer.from(body))?.payload;
}

describe('delivery ids: the duplicate badge and the generated handler agree', () => {
  it('covers every built-in provider and a custom one', () => {
    const covered = new Set(DELIVERIES.map((d) => d.provider));
    for (const provider of [...BUILT_IN_PROVIDERS, 'custom:acme']) assert.ok(covered.has(provider), provider);
  });

  for (const delivery of DELIVERIES) {
    it(`${delivery.provider}, ${delivery.what}: ${delivery.id ?? 'no id'}`, () => {
      const req: RawRequest = { method: 'POST', url: '/hooks/in', headers: delivery.headers, body: Buffer.from(delivery.body) };
      const extension = deliveryIdOf(req, undefined, CUSTOM);
      assert.equal(extension, delivery.id, 'the extension reads the id the provider repeats');
      const mod = generated(delivery.provider);
      const handler = mod.deliveryIdOf ? mod.deliveryIdOf(asDelivery(delivery.headers, delivery.body), parsed(delivery.provider, delivery.headers, delivery.body)) : undefined;
      assert.equal(handler, extension, 'the generated handler reads the same id');
    });
  }
});

describe('generated handlers skip exactly the redeliveries the badge marks', () => {
  const secret = 'agreement-secret';
  const discordKeys = generateKeyPairSync('ed25519');
  const discordPublicKey = discordKeys.publicKey.export({ format: 'der', type: 'spki' }).subarray(-32).toString('hex');
  const saved = new Map<string, string | undefined>();
  const envOf = (provider: string) => findProvider(provider, CUSTOM)!.secret.envVar;

  before(() => {
    for (const provider of ['gitlab', 'shopify', 'paddle', 'discord', 'hubspot']) {
      saved.set(envOf(provider), process.env[envOf(provider)]);
      process.env[envOf(provider)] = provider === 'discord' ? discordPublicKey : secret;
    }
    saved.set('HUBSPOT_WEBHOOK_PUBLIC_ORIGIN', process.env.HUBSPOT_WEBHOOK_PUBLIC_ORIGIN);
    process.env.HUBSPOT_WEBHOOK_PUBLIC_ORIGIN = 'https://hooks.example.com';
  });
  after(() => {
    for (const [name, value] of saved) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  });

  /** Signs as the provider does: with the secret (through the re-signer), or Discord's private key. */
  function signed(provider: string, headers: Record<string, string>, body: string): GeneratedDelivery {
    if (provider === 'discord') {
      const timestamp = String(Math.floor(Date.now() / 1000));
      const signature = sign(null, Buffer.from(timestamp + body), discordKeys.privateKey).toString('hex');
      return asDelivery({ ...headers, 'x-signature-timestamp': timestamp, 'x-signature-ed25519': signature }, body);
    }
    const rawHeaders = Object.entries(headers).flat();
    const resigned = resignRequest({ method: 'POST', url: '/hooks/in', rawHeaders, body: Buffer.from(body) }, provider, secret, Date.now(), { targetUrl: 'https://hooks.example.com/hooks/in' });
    const signedHeaders: Record<string, string> = {};
    for (let i = 0; i < resigned.rawHeaders.length; i += 2) signedHeaders[resigned.rawHeaders[i].toLowerCase()] = resigned.rawHeaders[i + 1];
    return asDelivery(signedHeaders, Buffer.from(resigned.body).toString());
  }

  /**
   * Pairs a provider really sends: a retry (same id per the badge, other fields changed) and a
   * different delivery whose other id-like values collide with the first.
   */
  const PAIRS: Array<{ provider: string; first: [Record<string, string>, string]; second: [Record<string, string>, string] }> = [
    { provider: 'gitlab', first: [{ 'x-gitlab-event': 'Push Hook', 'idempotency-key': 'k-1', 'x-gitlab-event-uuid': 'u-1' }, '{"object_kind":"push"}'], second: [{ 'x-gitlab-event': 'Push Hook', 'idempotency-key': 'k-2', 'x-gitlab-event-uuid': 'u-1' }, '{"object_kind":"push"}'] },
    { provider: 'gitlab', first: [{ 'x-gitlab-event': 'Push Hook', 'idempotency-key': 'k-3', 'x-gitlab-event-uuid': 'u-3' }, '{"object_kind":"push"}'], second: [{ 'x-gitlab-event': 'Push Hook', 'idempotency-key': 'k-3', 'x-gitlab-event-uuid': 'u-4' }, '{"object_kind":"push"}'] },
    { provider: 'shopify', first: [{ 'x-shopify-topic': 'orders/create', 'x-shopify-event-id': 'e-1', 'x-shopify-webhook-id': 'w-1' }, '{"id":1}'], second: [{ 'x-shopify-topic': 'orders/create', 'x-shopify-event-id': 'e-2', 'x-shopify-webhook-id': 'w-1' }, '{"id":1}'] },
    { provider: 'shopify', first: [{ 'shopify-topic': 'orders/create', 'shopify-event-id': 'e-3', 'shopify-webhook-id': 'w-3' }, '{"id":3}'], second: [{ 'shopify-topic': 'orders/create', 'shopify-event-id': 'e-3', 'shopify-webhook-id': 'w-4' }, '{"id":3}'] },
    { provider: 'paddle', first: [{}, '{"notification_id":"ntf_1","event_type":"transaction.completed"}'], second: [{}, '{"notification_id":"ntf_1","event_type":"transaction.completed","retry":1}'] },
    { provider: 'paddle', first: [{}, '{"event_id":"evt_1","notification_id":"ntf_2","event_type":"transaction.completed"}'], second: [{}, '{"event_id":"evt_2","notification_id":"ntf_2","event_type":"transaction.completed"}'] },
    { provider: 'discord', first: [{}, '{"id":"111","type":2}'], second: [{}, '{"id":"111","type":2,"retry":true}'] },
    { provider: 'hubspot', first: [{}, '[{"eventId":1},{"eventId":2}]'], second: [{}, '[{"eventId":1}, {"eventId":2}]'] },
  ];

  for (const [index, pair] of PAIRS.entries()) {
    it(`${pair.provider} #${index}: the second delivery is skipped iff the badge calls it a duplicate`, async () => {
      const mod = generated(pair.provider);
      const first = signed(pair.provider, ...pair.first);
      const second = signed(pair.provider, ...pair.second);
      const idOf = (d: GeneratedDelivery) => {
        const headers: Record<string, string> = {};
        for (const name of Object.keys(pair.first[0]).concat(Object.keys(pair.second[0]))) {
          const value = d.header(name);
          if (value !== undefined) headers[name] = value;
        }
        return deliveryIdOf({ method: 'POST', url: '/hooks/in', headers, body: d.rawBody }, pair.provider);
      };
      const badgeSaysDuplicate = idOf(first) !== undefined && idOf(first) === idOf(second);
      const one = mod.receiveDelivery(first);
      assert.ok(one.status === 200 || one.status === 204, JSON.stringify(one.body));
      assert.notEqual(one.work, undefined, 'the first delivery is processed');
      const two = mod.receiveDelivery(second);
      assert.ok(two.status === 200 || two.status === 204, JSON.stringify(two.body));
      assert.equal(two.work === undefined, badgeSaysDuplicate, `badge: ${idOf(first)} / ${idOf(second)}`);
    });
  }
});
