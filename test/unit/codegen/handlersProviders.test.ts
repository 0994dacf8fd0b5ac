// The signature schemes beyond the core four, run for real on the node:http handler: each delivery is
// signed with node:crypto as the provider's documentation describes (none of them ships a signing SDK
// among our dependencies), then sent intact (2xx) and with one byte more (401).
import * as assert from 'node:assert/strict';
import { createHmac, generateKeyPairSync, sign } from 'node:crypto';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import * as ts from 'typescript';
import { generateHandler } from '../../../src/core';
import { CallRecorder } from '../../support/callRecorder';
import { MORE_PROVIDERS, moreSpec, writeGenerated } from './handlerFixtures';

const PUBLIC_ORIGIN = 'https://hooks.example.ngrok.app';
const nowSeconds = () => String(Math.floor(Date.now() / 1000));
const hmac = (algorithm: string, key: string, data: string) => createHmac(algorithm, key).update(data);

const discordKeys = generateKeyPairSync('ed25519');
const sendgridKeys = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });

interface Case {
  /** Environment the generated file reads. */
  env: Record<string, string>;
  body: string;
  contentType?: string;
  /** Headers for `body` posted to `url` (the public URL the provider signs). */
  sign(body: string, url: string): Record<string, string>;
  status: number;
  /** The per-event function the delivery reaches. */
  handler: string;
  /** A forgery to refuse, for schemes whose secret does not cover the body; default: one byte more. */
  forge?: (signedHeaders: Record<string, string>) => Record<string, string>;
}

const CASES: Record<string, Case> = {
  shopify: {
    env: { SHOPIFY_WEBHOOK_SECRET: 'shpss_test' },
    body: JSON.stringify({ id: 820982911946154500, email: 'jon@example.com', total_price: '403.00' }),
    sign: (body) => ({
      'x-shopify-topic': 'orders/create',
      'x-shopify-event-id': '98880550-7158-44d4-b7cd-2c97c8a091b5',
      'x-shopify-hmac-sha256': hmac('sha256', 'shpss_test', body).digest('base64'),
    }),
    status: 200,
    handler: 'onOrdersCreate',
  },
  paddle: {
    env: { PADDLE_WEBHOOK_SECRET: 'pdl_ntfset_test' },
    body: JSON.stringify({ event_id: 'evt_01h8', event_type: 'transaction.completed', data: { id: 'txn_01h8' } }),
    sign: (body) => {
      const ts = nowSeconds();
      return { 'paddle-signature': `ts=${ts};h1=${hmac('sha256', 'pdl_ntfset_test', `${ts}:${body}`).digest('hex')}` };
    },
    status: 200,
    handler: 'onTransactionCompleted',
  },
  linear: {
    env: { LINEAR_WEBHOOK_SECRET: 'lin_wh_test' },
    body: JSON.stringify({ action: 'create', type: 'Issue', webhookTimestamp: Date.now(), data: { id: 'iss_1', title: 'Bug' } }),
    sign: (body) => ({
      'linear-event': 'Issue',
      'linear-delivery': '234d1a4e-b617-4388-90fe-adc3633d6b72',
      'linear-signature': hmac('sha256', 'lin_wh_test', body).digest('hex'),
    }),
    status: 200,
    handler: 'onIssue',
  },
  gitlab: {
    env: { GITLAB_WEBHOOK_TOKEN: 'glpat-token' },
    body: JSON.stringify({ object_kind: 'push', ref: 'refs/heads/main', project: { id: 15, path_with_namespace: 'group/app' } }),
    sign: () => ({ 'x-gitlab-event': 'Push Hook', 'x-gitlab-token': 'glpat-token', 'idempotency-key': 'f1c2' }),
    status: 200,
    handler: 'onPushHook',
    forge: (headers) => ({ ...headers, 'x-gitlab-token': 'glpat-tokeN' }),
  },
  hubspot: {
    env: { HUBSPOT_CLIENT_SECRET: 'hs-client-secret', HUBSPOT_WEBHOOK_PUBLIC_ORIGIN: PUBLIC_ORIGIN },
    body: JSON.stringify([{ eventId: 1, subscriptionType: 'contact.creation', objectId: 123 }]),
    sign: (body, url) => {
      const ts = String(Date.now());
      return {
        'x-hubspot-request-timestamp': ts,
        'x-hubspot-signature-v3': hmac('sha256', 'hs-client-secret', `POST${url}${body}${ts}`).digest('base64'),
      };
    },
    status: 200,
    handler: 'onDelivery',
  },
  twilio: {
    env: { TWILIO_AUTH_TOKEN: 'twilio-auth-token', TWILIO_WEBHOOK_PUBLIC_ORIGIN: PUBLIC_ORIGIN },
    body: 'To=%2B15558675310&MessageStatus=delivered&MessageSid=SM1234',
    contentType: 'application/x-www-form-urlencoded',
    sign: (body, url) => {
      const params = [...new URLSearchParams(body)].sort(([a], [b]) => (a < b ? -1 : 1));
      const signed = url + params.map(([k, v]) => k + v).join('');
      return { 'x-twilio-signature': hmac('sha1', 'twilio-auth-token', signed).digest('base64') };
    },
    status: 200,
    handler: 'onDelivered',
  },
  square: {
    env: { SQUARE_WEBHOOK_SIGNATURE_KEY: 'sq-signature-key', SQUARE_WEBHOOK_PUBLIC_ORIGIN: PUBLIC_ORIGIN },
    body: JSON.stringify({ merchant_id: 'M1', type: 'payment.created', event_id: 'evt_sq_1', data: { id: 'pay_1' } }),
    sign: (body, url) => ({ 'x-square-hmacsha256-signature': hmac('sha256', 'sq-signature-key', url + body).digest('base64') }),
    status: 200,
    handler: 'onPaymentCreated',
  },
  discord: {
    env: {
      DISCORD_PUBLIC_KEY: discordKeys.publicKey.export({ format: 'der', type: 'spki' }).subarray(-32).toString('hex'),
    },
    body: JSON.stringify({
      version: 1,
      application_id: '1234',
      type: 1,
      event: { type: 'APPLICATION_AUTHORIZED', timestamp: '2024-10-18T14:42:53.064834', data: { user: { id: '42' } } },
    }),
    sign: (body) => {
      const ts = nowSeconds();
      return {
        'x-signature-timestamp': ts,
        'x-signature-ed25519': sign(null, Buffer.from(ts + body), discordKeys.privateKey).toString('hex'),
      };
    },
    status: 204,
    handler: 'onApplicationAuthorized',
  },
  sendgrid: {
    env: { SENDGRID_WEBHOOK_VERIFICATION_KEY: sendgridKeys.publicKey.export({ format: 'der', type: 'spki' }).toString('base64') },
    body: JSON.stringify([{ email: 'a@example.com', event: 'delivered', sg_event_id: 'sg_1', timestamp: 1714557600 }]),
    sign: (body) => {
      const ts = nowSeconds();
      return {
        'x-twilio-email-event-webhook-timestamp': ts,
        'x-twilio-email-event-webhook-signature': sign('sha256', Buffer.from(ts + body), sendgridKeys.privateKey).toString('base64'),
      };
    },
    status: 200,
    handler: 'onDelivery',
  },
};

function post(url: string, headers: Record<string, string>, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = http.request(url, { method: 'POST', agent: false, headers }, (response) => {
      response.resume();
      response.on('end', () => resolve(response.statusCode ?? 0));
    });
    request.on('error', reject);
    request.end(body);
  });
}

describe('generated node:http handlers for the other providers', () => {
  const savedEnv: Record<string, string | undefined> = {};

  after(() => {
    for (const [name, value] of Object.entries(savedEnv)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  });

  MORE_PROVIDERS.forEach((provider, index) => {
    const testCase = CASES[provider.provider];
    describe(provider.provider, () => {
      let server: http.Server;
      let port: number;
      const handled = new CallRecorder<unknown>();

      before(async () => {
        for (const [name, value] of Object.entries(testCase.env)) {
          if (!(name in savedEnv)) savedEnv[name] = process.env[name];
          process.env[name] = value;
        }
        const generated = generateHandler(moreSpec('node-http', index));
        assert.deepEqual([...generated.envVars].sort(), Object.keys(testCase.env).sort());
        const js = ts.transpileModule(generated.source, {
          compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
        }).outputText;
        const file = writeGenerated(path.join('providers', provider.provider), generated.fileName.replace(/\.ts$/, '.js'), js);
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const mod = require(file) as { handlers: Record<string, (event: unknown) => Promise<void>>; createWebhookServer(): http.Server };
        mod.handlers[testCase.handler] = handled.record;
        server = mod.createWebhookServer();
        await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
        port = (server.address() as AddressInfo).port;
      });

      after(() => new Promise<void>((resolve) => server.close(() => resolve())));

      const routePath = `/hooks/${provider.provider}`;
      const headersFor = (body: string) => ({
        'content-type': testCase.contentType ?? 'application/json',
        ...testCase.sign(body, PUBLIC_ORIGIN + routePath),
      });

      it(`accepts a correctly signed delivery (${testCase.status}) and runs ${testCase.handler}`, async () => {
        const before = handled.calls.length;
        const status = await post(`http://127.0.0.1:${port}${routePath}`, headersFor(testCase.body), testCase.body);
        assert.equal(status, testCase.status);
        assert.equal((await handled.called(before + 1)).length, before + 1);
      });

      it(testCase.forge ? 'answers 401 to a wrong token' : 'answers 401 when the body was changed after signing', async () => {
        const url = `http://127.0.0.1:${port}${routePath}`;
        const before = handled.calls.length;
        const status = testCase.forge
          ? await post(url, testCase.forge(headersFor(testCase.body)), testCase.body)
          : await post(url, headersFor(testCase.body), testCase.contentType ? `${testCase.body}&Extra=1` : `${testCase.body} `);
        assert.equal(status, 401);
        // Handlers are scheduled with setImmediate once the answer is written; the answer reaches this
        // client a later turn of the event loop, so one scheduled for the forgery would have run.
        assert.equal(handled.calls.length, before, 'the forged delivery ran nothing');
      });
    });
  });
});
