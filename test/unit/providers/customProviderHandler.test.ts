// A custom HMAC provider from the settings is a provider like the built-in ones: its captures are
// labelled with its event and delivery id, and a handler generated for it verifies, dispatches and
// de-duplicates real deliveries (signed here with node:crypto as the settings describe).
import * as assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import type * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import * as ts from 'typescript';
import { describeDelivery, generateHandler, planHandler } from '../../../src/core';
import type { CustomProvider, PayloadSample } from '../../../src/core';
import { send } from '../../support/httpClient';
import { writeGenerated } from '../codegen/handlerFixtures';

const ACME: CustomProvider = {
  id: 'acme', name: 'Acme', signatureHeader: 'x-acme-signature', algorithm: 'sha256', encoding: 'hex', prefix: 'sha256=',
  timestampHeader: 'x-acme-timestamp', signedContent: '{timestamp}.{body}', deliveryIdHeader: 'x-acme-delivery', eventHeader: 'X-Acme-Event',
};
const SECRET = 'acme-signing-secret';
const ORDER = JSON.stringify({ order_id: 'ord_1', total_cents: 1299 });
const REFUND = JSON.stringify({ refund_id: 'ref_1', order_id: 'ord_1' });

function signedHeaders(event: string, delivery: string, body: string, at = Date.now()): Record<string, string> {
  const timestamp = String(Math.floor(at / 1000));
  return {
    'content-type': 'application/json',
    'x-acme-event': event,
    'x-acme-delivery': delivery,
    'x-acme-timestamp': timestamp,
    'x-acme-signature': `sha256=${createHmac('sha256', SECRET).update(`${timestamp}.${body}`).digest('hex')}`,
  };
}

async function post(url: string, headers: Record<string, string>, body: string): Promise<{ status: number; body: string }> {
  const answer = await send(url, { headers, body });
  return { status: answer.status, body: answer.body.toString('utf8') };
}

describe('custom providers: labels and generated handlers', () => {
  it('labels a custom provider capture with its event header and delivery id', () => {
    const rawHeaders = Object.entries(signedHeaders('order.created', 'd-1', ORDER)).flat();
    assert.deepEqual(describeDelivery({ method: 'POST', url: '/hooks/acme', rawHeaders, body: Buffer.from(ORDER) }, [ACME]), {
      event: 'order.created',
      provider: 'custom:acme',
      deliveryId: 'd-1',
    });
    assert.deepEqual(describeDelivery({ method: 'POST', url: '/hooks/acme', rawHeaders, body: Buffer.from(ORDER) }), {}, 'without its settings it is nobody');
  });

  describe('a node:http handler generated from its captures', () => {
    let server: http.Server | undefined;
    let url: string;
    const received: Array<[string, unknown]> = [];
    let saved: string | undefined;

    before(async () => {
      saved = process.env.ACME_WEBHOOK_SECRET;
      process.env.ACME_WEBHOOK_SECRET = SECRET;
      const samples: PayloadSample[] = [
        { headers: { 'x-acme-event': 'order.created', 'x-acme-signature': 'sha256=00' }, body: Buffer.from(ORDER) },
        { headers: { 'x-acme-event': 'refund.created', 'x-acme-signature': 'sha256=00' }, body: Buffer.from(REFUND) },
      ];
      const { spec, plan } = planHandler(samples, { framework: 'node-http', provider: 'custom:acme', routePath: '/hooks/acme', rootName: 'AcmeWebhook', customProviders: [ACME] });
      assert.deepEqual(plan.events.map((e) => e.name).sort(), ['order.created', 'refund.created']);
      const generated = generateHandler(spec);
      assert.deepEqual(generated.envVars, ['ACME_WEBHOOK_SECRET']);
      assert.doesNotMatch(generated.source, /NOT IMPLEMENTED/);
      const js = ts.transpileModule(generated.source, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 } }).outputText;
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const mod = require(writeGenerated(path.join('custom', 'acme'), 'acme.js', js)) as { handlers: Record<string, (e: unknown) => Promise<void>>; createWebhookServer(): http.Server };
      mod.handlers.onOrderCreated = async (event) => void received.push(['order.created', event]);
      mod.handlers.onRefundCreated = async (event) => void received.push(['refund.created', event]);
      server = mod.createWebhookServer();
      await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
      url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/acme`;
    });
    after(async () => {
      if (saved === undefined) delete process.env.ACME_WEBHOOK_SECRET;
      else process.env.ACME_WEBHOOK_SECRET = saved;
      await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    });

    const ran = async (count: number) => {
      for (let waited = 0; received.length < count && waited < 1000; waited += 5) await new Promise((r) => setTimeout(r, 5));
      return received;
    };

    it('accepts a delivery signed as the settings say and runs the function its event header names', async () => {
      const answer = await post(url, signedHeaders('refund.created', 'd-1', REFUND), REFUND);
      assert.equal(answer.status, 200, answer.body);
      assert.deepEqual(await ran(1), [['refund.created', JSON.parse(REFUND)]]);
    });

    it('answers a redelivery (same X-Acme-Delivery, signed again) as a duplicate', async () => {
      const answer = await post(url, signedHeaders('refund.created', 'd-1', REFUND, Date.now() + 1000), REFUND);
      assert.equal(answer.status, 200, answer.body);
      assert.equal(JSON.parse(answer.body).duplicate, true);
      assert.equal((await post(url, signedHeaders('order.created', 'd-2', ORDER), ORDER)).status, 200);
      assert.deepEqual((await ran(2)).map(([event]) => event), ['refund.created', 'order.created']);
    });

    it('refuses a changed body, a stale timestamp and a missing prefix with 401', async () => {
      const headers = signedHeaders('order.created', 'd-3', ORDER);
      assert.equal((await post(url, headers, ORDER.replace('1299', '1'))).status, 401);
      assert.equal((await post(url, signedHeaders('order.created', 'd-4', ORDER, Date.now() - 600_000), ORDER)).status, 401);
      assert.equal((await post(url, { ...headers, 'x-acme-signature': headers['x-acme-signature'].slice('sha256='.length) }, ORDER)).status, 401);
      assert.equal(received.length, 2);
    });
  });
});
