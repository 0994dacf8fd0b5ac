import * as assert from 'node:assert/strict';
import { generateHandler } from '../../../src/core';
import type { CustomProvider, HandlerFramework, HandlerSpec } from '../../../src/core';
import { CORE_PROVIDERS, coreSpec, FRAMEWORKS, MORE_PROVIDERS, moreSpec } from './handlerFixtures';

/** Every generated variant the compile check covers, by the folder it is written to. */
function allVariants(): Array<{ folder: string; spec: HandlerSpec }> {
  const variants: Array<{ folder: string; spec: HandlerSpec }> = [];
  for (const framework of FRAMEWORKS) {
    for (const provider of CORE_PROVIDERS) variants.push({ folder: `${framework}-${provider}`, spec: coreSpec(framework, provider) });
  }
  for (const framework of ['express', 'nextjs'] as const) {
    MORE_PROVIDERS.forEach((p, i) => variants.push({ folder: `${framework}-${p.provider}`, spec: moreSpec(framework, i) }));
  }
  variants.push({ folder: 'nextjs14-github', spec: { ...coreSpec('nextjs', 'github'), frameworkVersion: '14.2.3' } });
  variants.push({
    folder: 'hono-acme-delivery-id',
    spec: { ...coreSpec('hono', 'acme'), deliveryId: { kind: 'header', header: 'X-Acme-Delivery' }, secretEnvVar: 'ACME_SIGNING_KEY' },
  });
  variants.push({ folder: 'node-http-stripe-none', spec: { ...coreSpec('node-http', 'stripe'), eventSource: { kind: 'none' } } });
  // A custom provider from the settings, with every part of the signed-content template.
  const custom: CustomProvider = {
    id: 'acme', name: 'Acme', signatureHeader: 'X-Acme-Signature', algorithm: 'sha512', encoding: 'base64', prefix: 'v1=',
    timestampHeader: 'X-Acme-Timestamp', timestampUnit: 'ms', signedContent: "{method} {url}\n{timestamp}.{body} it's", deliveryIdHeader: 'X-Acme-Delivery',
  };
  for (const framework of ['express', 'nextjs'] as const) {
    variants.push({ folder: `${framework}-custom-acme`, spec: { ...coreSpec(framework, 'acme'), provider: 'custom:acme', customProviders: [custom] } });
  }
  return variants;
}

describe('generateHandler', () => {
  it('names the file after the provider, or the App Router route for Next.js', () => {
    assert.equal(generateHandler(coreSpec('express', 'github')).fileName, 'github.ts');
    assert.equal(generateHandler(coreSpec('node-http', 'standard-webhooks')).fileName, 'standard-webhooks.ts');
    assert.equal(generateHandler(coreSpec('nextjs', 'stripe')).fileName, 'app/webhooks/stripe/route.ts');
  });

  it('lists the packages each framework needs and the environment variables read', () => {
    const deps = Object.fromEntries(FRAMEWORKS.map((f) => [f, generateHandler(coreSpec(f, 'github')).dependencies]));
    assert.deepEqual(deps, {
      express: ['express'],
      fastify: ['fastify'],
      nextjs: ['next'],
      hono: ['@hono/node-server', 'hono'],
      'node-http': [],
    });
    assert.deepEqual(generateHandler(coreSpec('express', 'slack')).envVars, ['SLACK_SIGNING_SECRET']);
    assert.deepEqual(generateHandler({ ...moreSpec('express', 4), secretEnvVar: 'HS_SECRET' }).envVars, [
      'HS_SECRET',
      'HUBSPOT_WEBHOOK_PUBLIC_ORIGIN',
    ]);
  });

  it('reads the raw body the way each framework requires', () => {
    const source = (f: HandlerFramework) => generateHandler(coreSpec(f, 'github')).source;
    assert.match(source('express'), /express\.raw\(\{ type: '\*\/\*', limit: MAX_BODY_BYTES \}\)/);
    assert.match(source('fastify'), /fastify\.addContentTypeParser\('\*', \{ parseAs: 'buffer' \}/);
    assert.match(source('nextjs'), /export async function POST\(request: Request\): Promise<Response>/);
    assert.match(source('nextjs'), /await request\.arrayBuffer\(\)/);
    assert.match(source('nextjs'), /export const runtime = 'nodejs';/);
    assert.match(source('hono'), /await c\.req\.arrayBuffer\(\)/);
    assert.match(source('node-http'), /Buffer\.concat\(chunks\)/);
  });

  it('verifies with node:crypto only, and imports nothing else for it', () => {
    for (const { spec } of allVariants()) {
      const { source } = generateHandler(spec);
      const modules = [...source.matchAll(/^import .* from '([^']+)';$/gm)].map((m) => m[1]);
      const allowed = ['node:crypto', 'node:http', 'express', 'fastify', 'next/server', 'hono', 'hono/body-limit', '@hono/node-server'];
      assert.deepEqual(modules.filter((m) => !allowed.includes(m)), [], spec.provider);
      if (spec.provider !== 'acme') assert.match(source, /from 'node:crypto';/, spec.provider);
      if (spec.provider === 'custom:acme') assert.doesNotMatch(source, /NOT IMPLEMENTED/);
    }
  });

  it('uses after() from next/server on Next.js 15.1+, and a commented fire-and-forget promise before', () => {
    const current = generateHandler(coreSpec('nextjs', 'github')).source;
    assert.match(current, /^import \{ after \} from 'next\/server';$/m);
    assert.match(current, /after\(\(\) => work\(\)/);
    const old = generateHandler({ ...coreSpec('nextjs', 'github'), frameworkVersion: '15.0.3' }).source;
    assert.doesNotMatch(old, /next\/server/);
    assert.match(old, /void work\(\)\.catch/);
    assert.match(old, /predates `after\(\)`/);
  });

  it('exports only route fields from a Next.js route file', () => {
    const { source } = generateHandler(coreSpec('nextjs', 'stripe'));
    const values = [...source.matchAll(/^export (?:async )?(?:const|function|class|let) (\w+)/gm)].map((m) => m[1]);
    assert.deepEqual(values.sort(), ['POST', 'runtime']);
  });

  it('gives an unknown provider a loud verification hook that rejects everything', () => {
    const { source, envVars } = generateHandler(coreSpec('express', 'acme'));
    assert.deepEqual(envVars, ['ACME_WEBHOOK_SECRET']);
    assert.match(source, /SIGNATURE VERIFICATION IS NOT IMPLEMENTED: EVERY DELIVERY IS REJECTED \(401\)/);
    assert.match(source, /function verifySignature\(delivery: Delivery, secret: string\): boolean \{\n {2}void delivery;\n {2}void secret;\n {2}return false;\n\}/);
    assert.match(source, /^\/\/ POST \/webhooks\/acme is answered at once: 401 for EVERY delivery until verifySignature below/m);
  });

  it('dispatches field-keyed events through a narrowing switch and header-keyed ones through casts', () => {
    const stripe = generateHandler(coreSpec('express', 'stripe')).source;
    assert.match(stripe, /const event = payload as StripeEvent;\n {2}switch \(event\.type\) \{\n {4}case 'customer\.created':\n {6}return handlers\.onCustomerCreated\(event\);/);
    const github = generateHandler(coreSpec('express', 'github')).source;
    assert.match(github, /switch \(eventName\) \{\n {4}case 'push':\n {6}return handlers\.onPush\(payload as PushEvent\);/);
    assert.match(github, /export const handlers = \{\n {2}async onPush\(event: PushEvent\): Promise<void> \{/);
  });

  it('takes the delivery id from where each provider puts it', () => {
    const idReader = (spec: HandlerSpec) => /function deliveryIdOf\([^)]*\): string \| undefined \{\n([\s\S]*?)\n\}/.exec(generateHandler(spec).source)?.[1];
    assert.match(idReader(coreSpec('express', 'github')) ?? '', /for \(const name of \['x-github-delivery'\]\)/);
    assert.match(idReader(coreSpec('express', 'stripe')) ?? '', /for \(const field of \['id'\]\)/);
    assert.match(idReader(coreSpec('express', 'slack')) ?? '', /for \(const field of \['event_id'\]\)/);
    assert.match(idReader(coreSpec('express', 'standard-webhooks')) ?? '', /for \(const name of \['webhook-id', 'svix-id'\]\)/);
    assert.equal(idReader(coreSpec('express', 'acme')), undefined);
    assert.doesNotMatch(generateHandler(coreSpec('express', 'acme')).source, /deliveryIdOf|deliveries\.begin/);
    assert.match(idReader({ ...coreSpec('express', 'acme'), deliveryId: { kind: 'header', header: 'X-Acme-Delivery' } }) ?? '', /for \(const name of \['x-acme-delivery'\]\)/);
    assert.match(
      generateHandler(coreSpec('express', 'github')).source,
      /const deliveryId = deliveryIdOf\(delivery, payload\);\n {2}const claim = deliveryId === undefined \? undefined : deliveries\.begin\(deliveryId\);\n {2}if \(deliveryId !== undefined && claim === undefined\)/,
    );
    assert.match(generateHandler(coreSpec('express', 'github')).source, /`SET webhook:<id> <random token> NX EX 3600` to claim/);
  });

  it('turns event names into distinct function names', () => {
    const spec: HandlerSpec = {
      ...coreSpec('express', 'stripe'),
      events: [
        { name: 'customer.subscription.created', typeName: 'CustomerCreatedEvent' },
        { name: 'customer_subscription_created', typeName: 'CustomerCreatedEvent' },
        { name: '2fa.enabled', typeName: 'CustomerCreatedEvent' },
        { name: 'APPLICATION_AUTHORIZED', typeName: 'CustomerCreatedEvent' },
      ],
    };
    const names = [...generateHandler(spec).source.matchAll(/^ {2}async (\w+)\(/gm)].map((m) => m[1]);
    assert.deepEqual(names, ['onCustomerSubscriptionCreated', 'onCustomerSubscriptionCreated2', 'on2faEnabled', 'onApplicationAuthorized']);
  });

  it('rejects specs it cannot turn into valid code', () => {
    assert.throws(() => generateHandler({ ...coreSpec('express', 'github'), routePath: 'webhooks' }), /must start with/);
    assert.throws(() => generateHandler({ ...coreSpec('express', 'github'), rootTypeName: 'Not A Name' }), /not an identifier/);
    const twice = coreSpec('express', 'github');
    assert.throws(() => generateHandler({ ...twice, events: [twice.events[0], twice.events[0]] }), /listed twice/);
  });

  it('emits tidy source: no tabs, trailing spaces or double blank lines, one final newline', () => {
    for (const { folder, spec } of allVariants()) {
      const { source } = generateHandler(spec);
      assert.doesNotMatch(source, /\t| +$|\n\n\n/m, folder);
      assert.ok(source.endsWith('}\n') || source.endsWith(';\n'), folder);
      const long = source.split('\n').filter((l) => l.length > 130);
      assert.deepEqual(long, [], folder);
    }
  });
});
