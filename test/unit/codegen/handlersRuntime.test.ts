// Runs the generated handlers for real: each file is transpiled to CommonJS, required, and served
// on 127.0.0.1; deliveries signed with the providers' own SDKs are posted to it over HTTP.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import * as ts from 'typescript';
import { generateHandler } from '../../../src/core';
import type { HandlerFramework } from '../../../src/core';
import { CallRecorder } from '../../support/callRecorder';
import type { CoreProvider } from './handlerFixtures';
import { coreSpec, DELIVERED_HANDLER, GENERATED_ROOT, RUNNABLE_FRAMEWORKS, samplePayload, SECRETS, signDelivery, writeGenerated } from './handlerFixtures';

type EventFunction = (event: unknown) => Promise<void>;
interface GeneratedModule {
  handlers: Record<string, EventFunction>;
  app?: unknown;
  buildServer?: () => { listen(options: { port: number; host: string }): Promise<string>; close(): Promise<void> };
  startServer?: (port: number, hostname: string) => http.Server;
  createWebhookServer?: () => http.Server;
}
interface Running {
  url: string;
  close(): Promise<void>;
}

const SIGNED_PROVIDERS: CoreProvider[] = ['github', 'stripe', 'slack', 'standard-webhooks'];

/** Generates, transpiles and loads one handler file. */
function loadGenerated(framework: HandlerFramework, provider: CoreProvider): GeneratedModule {
  const generated = generateHandler(coreSpec(framework, provider));
  const js = ts.transpileModule(generated.source, {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
  }).outputText;
  const file = writeGenerated(path.join('runtime', `${framework}-${provider}`), generated.fileName.replace(/\.ts$/, '.js'), js);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(file) as GeneratedModule;
}

function listening(server: http.Server): Promise<Running> {
  return new Promise((resolve, reject) => {
    const ready = () => {
      const { port } = server.address() as AddressInfo;
      resolve({ url: `http://127.0.0.1:${port}`, close: () => new Promise((done) => server.close(() => done())) });
    };
    server.once('error', reject);
    if (server.listening) ready();
    else server.once('listening', ready);
  });
}

/** Starts the generated server the way its file says to, on 127.0.0.1 and a free port. */
async function start(framework: HandlerFramework, mod: GeneratedModule): Promise<Running> {
  switch (framework) {
    case 'express':
      return listening(http.createServer(mod.app as http.RequestListener).listen(0, '127.0.0.1'));
    case 'fastify': {
      const server = mod.buildServer!();
      const url = await server.listen({ port: 0, host: '127.0.0.1' });
      return { url, close: () => server.close() };
    }
    case 'hono':
      return listening(mod.startServer!(0, '127.0.0.1'));
    case 'node-http':
      return listening(mod.createWebhookServer!().listen(0, '127.0.0.1'));
    default:
      throw new Error(`not runnable here: ${framework}`);
  }
}

interface Answer {
  status: number;
  body: string;
}

/** POSTs over a fresh connection. */
function post(url: string, headers: Record<string, string>, body: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const request = http.request(url, { method: 'POST', agent: false, headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) } }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () =>
        resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
      );
    });
    request.on('error', reject);
    request.end(body);
  });
}

let nextId = 0;
function deliveryId(provider: CoreProvider): string {
  nextId++;
  if (provider === 'stripe') return `evt_1Test${nextId}`;
  if (provider === 'slack') return `Ev0TEST${nextId}`;
  if (provider === 'standard-webhooks') return `msg_test${nextId}`;
  return `72d3162e-cc78-11e3-81ab-4c9367dc${String(nextId).padStart(4, '0')}`;
}

describe('generated webhook handlers, served over HTTP', () => {
  const savedEnv: Record<string, string | undefined> = {};

  before(() => {
    fs.rmSync(path.join(GENERATED_ROOT, 'runtime'), { recursive: true, force: true });
    for (const { envVar, value } of Object.values(SECRETS)) {
      savedEnv[envVar] = process.env[envVar];
      process.env[envVar] = value;
    }
  });

  after(() => {
    for (const [envVar, value] of Object.entries(savedEnv)) {
      if (value === undefined) delete process.env[envVar];
      else process.env[envVar] = value;
    }
  });

  for (const framework of RUNNABLE_FRAMEWORKS) {
    describe(framework, () => {
      const modules = new Map<CoreProvider, GeneratedModule>();
      const servers = new Map<CoreProvider, Running>();
      /** Payloads each provider's delivered-event function received in the current test. */
      const calls = new Map<CoreProvider, CallRecorder<unknown>>();

      before(async () => {
        for (const provider of [...SIGNED_PROVIDERS, 'acme'] as CoreProvider[]) {
          const mod = loadGenerated(framework, provider);
          modules.set(provider, mod);
          servers.set(provider, await start(framework, mod));
        }
      });

      after(async () => {
        await Promise.all([...servers.values()].map((s) => s.close()));
      });

      beforeEach(() => {
        for (const [provider, mod] of modules) {
          const recorder = new CallRecorder<unknown>();
          calls.set(provider, recorder);
          mod.handlers[DELIVERED_HANDLER[provider]] = recorder.record;
        }
      });

      const urlOf = (provider: CoreProvider) => `${servers.get(provider)!.url}/webhooks/${provider}`;

      /** Resolves once the handler has been called `count` times. */
      function calledTimes(provider: CoreProvider, count: number): Promise<unknown[]> {
        return calls.get(provider)!.called(count);
      }

      /**
       * Sends a genuine delivery after one that must not have run anything and waits for its handler:
       * handlers run in the order their answers went out, so a handler the earlier request had
       * scheduled would have run first. Returns every payload handled so far.
       */
      async function afterAGenuineDelivery(provider: CoreProvider): Promise<unknown[]> {
        const already = calls.get(provider)!.calls.length;
        const id = deliveryId(provider);
        const body = samplePayload(provider, id);
        const delivery = await signDelivery(provider, body, id);
        assert.equal((await post(urlOf(provider), delivery.headers, delivery.body)).status, 200);
        const received = await calledTimes(provider, already + 1);
        assert.deepEqual(received[received.length - 1], JSON.parse(body), 'the genuine delivery ran last');
        return received;
      }

      for (const provider of SIGNED_PROVIDERS) {
        describe(provider, () => {
          it('accepts a delivery signed by the provider SDK and runs the typed handler', async () => {
            const body = samplePayload(provider, deliveryId(provider));
            const delivery = await signDelivery(provider, body, deliveryId(provider));
            const answer = await post(urlOf(provider), delivery.headers, delivery.body);
            assert.equal(answer.status, 200, answer.body);
            assert.deepEqual(JSON.parse(answer.body), { received: true });
            const received = await calledTimes(provider, 1);
            assert.deepEqual(received, [JSON.parse(body)]);
          });

          it('answers 401 to a tampered body and runs nothing', async () => {
            const body = samplePayload(provider, deliveryId(provider));
            const delivery = await signDelivery(provider, body, deliveryId(provider));
            const tampered = delivery.body.replace('"type"', '"typo"').replace('refs/heads/main', 'refs/heads/evil');
            assert.notEqual(tampered, delivery.body);
            const answer = await post(urlOf(provider), delivery.headers, tampered);
            assert.equal(answer.status, 401, answer.body);
            assert.equal((await afterAGenuineDelivery(provider)).length, 1, 'only the genuine delivery ran');
          });

          it('answers 400 to a correctly signed body that is not JSON', async () => {
            const delivery = await signDelivery(provider, '{"id": "evt_1", "type": ', deliveryId(provider));
            const answer = await post(urlOf(provider), delivery.headers, delivery.body);
            assert.equal(answer.status, 400, answer.body);
            assert.equal((await afterAGenuineDelivery(provider)).length, 1, 'only the genuine delivery ran');
          });

          it('processes a redelivered id once and still acknowledges it', async () => {
            const id = deliveryId(provider);
            const body = samplePayload(provider, id);
            const first = await signDelivery(provider, body, id);
            assert.equal((await post(urlOf(provider), first.headers, first.body)).status, 200);
            await calledTimes(provider, 1);
            // A retry carries the same delivery id (signed afresh, or resent as it was).
            const retry = await signDelivery(provider, body, id);
            const again = await post(urlOf(provider), retry.headers, retry.body);
            assert.equal(again.status, 200, again.body);
            assert.equal(JSON.parse(again.body).duplicate, true);
            assert.equal((await afterAGenuineDelivery(provider)).length, 2, 'the first delivery and the genuine one, not the retry');
          });

          it('answers while the event function is still running, and runs it to the end', async () => {
            let release!: () => void;
            const gate = new Promise<void>((resolve) => (release = resolve));
            let finished = false;
            const done = new CallRecorder<void>();
            modules.get(provider)!.handlers[DELIVERED_HANDLER[provider]] = async () => {
              await gate;
              finished = true;
              await done.record();
            };
            const delivery = await signDelivery(provider, samplePayload(provider, deliveryId(provider)), deliveryId(provider));
            const answer = await post(urlOf(provider), delivery.headers, delivery.body);
            assert.equal(answer.status, 200, answer.body);
            assert.equal(finished, false, 'the answer went out while the event function could not yet finish');
            release();
            await done.called(1);
          });
        });
      }

      it('slack: echoes the url_verification challenge', async () => {
        const body = JSON.stringify({ token: 'Jhj5dZrVaK7ZwHHjRyZWjbDl', challenge: '3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P', type: 'url_verification' });
        const delivery = await signDelivery('slack', body, 'unused');
        const answer = await post(urlOf('slack'), delivery.headers, delivery.body);
        assert.equal(answer.status, 200);
        assert.deepEqual(JSON.parse(answer.body), { challenge: '3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P' });
      });

      it('unknown provider: rejects even a plausibly signed delivery with 401', async () => {
        const delivery = await signDelivery('acme', samplePayload('acme', 'ord_1'), 'ord_1');
        const answer = await post(urlOf('acme'), delivery.headers, delivery.body);
        assert.equal(answer.status, 401, answer.body);
        // No genuine acme delivery exists to send after it; handlers are scheduled with setImmediate
        // once the answer is written, and the answer reaches this client a later turn of the loop.
        assert.deepEqual(calls.get('acme')!.calls, []);
      });
    });
  }
});
