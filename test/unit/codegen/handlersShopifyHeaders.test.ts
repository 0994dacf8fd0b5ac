// Shopify's newer deliveries name their headers without the X- prefix (Shopify-Hmac-Sha256,
// Shopify-Topic, Shopify-Event-Id, Shopify-Webhook-Id). A handler generated from such captures is
// served over HTTP and must verify, dispatch and de-duplicate them like X-Shopify-* deliveries.
import * as assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import * as ts from 'typescript';
import { generateHandler, planHandler } from '../../../src/core';
import type { HandlerFramework, PayloadSample } from '../../../src/core';
import { send } from '../../support/httpClient';
import { writeGenerated } from './handlerFixtures';

const SECRET = 'shpss_0123456789abcdef0123456789abcdef';
const ORDER = JSON.stringify({ id: 820982911946154500, email: 'jon@example.com', total_price: '403.00' });
const CUSTOMER = JSON.stringify({ id: 706405506930370000, email: 'bob@example.com', first_name: 'Bob' });

function unprefixed(topic: string, eventId: string, body: string): Record<string, string> {
  return {
    'content-type': 'application/json',
    'shopify-topic': topic,
    'shopify-shop-domain': 'example.myshopify.com',
    'shopify-api-version': '2025-07',
    'shopify-event-id': eventId,
    'shopify-webhook-id': `wh-${eventId}`,
    'shopify-hmac-sha256': createHmac('sha256', SECRET).update(body).digest('base64'),
  };
}

async function post(url: string, headers: Record<string, string>, body: string): Promise<{ status: number; body: string }> {
  const answer = await send(url, { headers, body });
  return { status: answer.status, body: answer.body.toString('utf8') };
}

describe('generated Shopify handlers, un-prefixed Shopify-* headers', () => {
  let saved: string | undefined;
  before(() => {
    saved = process.env.SHOPIFY_WEBHOOK_SECRET;
    process.env.SHOPIFY_WEBHOOK_SECRET = SECRET;
  });
  after(() => {
    if (saved === undefined) delete process.env.SHOPIFY_WEBHOOK_SECRET;
    else process.env.SHOPIFY_WEBHOOK_SECRET = saved;
  });

  // Captures as they arrive: one with the old header names, one with the new, of two topics.
  const samples: PayloadSample[] = [
    { headers: { 'x-shopify-topic': 'orders/create' }, body: Buffer.from(ORDER) },
    { headers: { 'shopify-topic': 'customers/create' }, body: Buffer.from(CUSTOMER) },
  ];

  for (const framework of ['node-http', 'express'] as HandlerFramework[]) {
    describe(framework, () => {
      let server: http.Server;
      let url: string;
      const received: Array<[string, unknown]> = [];

      before(async () => {
        const { spec, plan } = planHandler(samples, { framework, provider: 'shopify', routePath: '/webhooks/shopify', rootName: 'ShopifyWebhook' });
        assert.deepEqual(plan.events.map((e) => e.name).sort(), ['customers/create', 'orders/create'], 'both header forms name the event');
        const js = ts.transpileModule(generateHandler(spec).source, {
          compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
        }).outputText;
        const file = writeGenerated(path.join('shopify-headers', framework), 'shopify.js', js);
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const mod = require(file) as { handlers: Record<string, (event: unknown) => Promise<void>>; app?: http.RequestListener; createWebhookServer?: () => http.Server };
        mod.handlers.onOrdersCreate = async (event) => void received.push(['orders/create', event]);
        mod.handlers.onCustomersCreate = async (event) => void received.push(['customers/create', event]);
        server = framework === 'express' ? http.createServer(mod.app) : mod.createWebhookServer!();
        await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
        url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks/shopify`;
      });
      after(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

      const ran = async (count: number) => {
        for (let waited = 0; received.length < count && waited < 1000; waited += 5) await new Promise((r) => setTimeout(r, 5));
        return received;
      };

      it('accepts a delivery signed in Shopify-Hmac-Sha256 and runs the function its Shopify-Topic names', async () => {
        const answer = await post(url, unprefixed('customers/create', 'evt-a', CUSTOMER), CUSTOMER);
        assert.equal(answer.status, 200, answer.body);
        assert.deepEqual(JSON.parse(answer.body), { received: true });
        assert.deepEqual(await ran(1), [['customers/create', JSON.parse(CUSTOMER)]]);
      });

      it('answers a redelivery with the same Shopify-Event-Id as a duplicate and runs nothing', async () => {
        const answer = await post(url, { ...unprefixed('customers/create', 'evt-a', CUSTOMER), 'shopify-webhook-id': 'wh-retry' }, CUSTOMER);
        assert.equal(answer.status, 200, answer.body);
        assert.equal(JSON.parse(answer.body).duplicate, true);
        const other = await post(url, unprefixed('orders/create', 'evt-b', ORDER), ORDER);
        assert.equal(other.status, 200, other.body);
        assert.deepEqual((await ran(2)).map(([event]) => event), ['customers/create', 'orders/create']);
      });

      it('refuses a changed body (401) and a delivery without any Shopify HMAC header', async () => {
        const headers = unprefixed('orders/create', 'evt-c', ORDER);
        assert.equal((await post(url, headers, ORDER.replace('403.00', '0.01'))).status, 401);
        const { 'shopify-hmac-sha256': _signature, ...unsigned } = headers;
        assert.equal((await post(url, unsigned, ORDER)).status, 401);
        assert.equal(received.length, 2);
      });
    });
  }
});
