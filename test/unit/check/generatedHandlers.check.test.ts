// The project's own generated handlers (TypeScript, node:http), one per provider, built from the
// provider's sample events, transpiled and served in a child process: the endpoint check must find
// nothing wrong with them.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';
import { BUILT_IN_PROVIDERS, generateHandler, headerMap, planHandler, readSampleEvents, runEndpointCheck } from '../../../src/core';
import { startEndpoint, type RunningEndpoint } from '../../support/endpoints/startEndpoint';
import { GENERATED_ROOT } from '../codegen/handlerFixtures';
import { ACME, assertAllPass, keysFor, SAMPLES } from './checkFixtures';

/** The origin generated handlers are told they are reached at, as behind a tunnel (URL-signing schemes sign it). */
const PUBLIC_ORIGIN = 'https://hooks.example.test';

/** The body limit the generated file declares: `const MAX_BODY_BYTES = 25 * 1024 * 1024;`. */
function bodyLimitOf(source: string): number {
  const match = /const MAX_BODY_BYTES = (\d+) \* 1024 \* 1024;/.exec(source);
  assert.ok(match, 'the generated handler declares its body limit');
  return Number(match[1]) * 1024 * 1024;
}

function generated(provider: string): { file: string; envVars: string[]; maxBodyBytes: number } {
  const { samples } = readSampleEvents(SAMPLES, provider);
  const payloads = samples.filter((s) => !s.handshake).map((s) => ({ headers: headerMap(s.rawHeaders), body: s.body }));
  const routePath = `/webhooks/${provider.replace(':', '-')}`;
  const { spec } = planHandler(payloads.length ? payloads : [{ headers: { 'x-acme-event': 'test.event' }, body: Buffer.from('{"id":"evt_1","data":{}}') }], {
    framework: 'node-http',
    provider,
    routePath,
    rootName: 'WebhookEvent',
    customProviders: [ACME],
  });
  const handler = generateHandler({ ...spec, customProviders: [ACME] });
  const js = ts.transpileModule(handler.source, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true } }).outputText;
  const file = path.join(GENERATED_ROOT, 'check', provider.replace(':', '-'), handler.fileName.replace(/\.ts$/, '.js'));
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, js);
  return { file, envVars: handler.envVars, maxBodyBytes: bodyLimitOf(handler.source) };
}

describe('endpoint check on the generated handlers', function () {
  this.timeout(180_000);
  let endpoint: RunningEndpoint | undefined;
  afterEach(async () => {
    await endpoint?.close();
    endpoint = undefined;
  });

  for (const provider of [...BUILT_IN_PROVIDERS, 'custom:acme']) {
    it(`${provider}: every applicable practice passes`, async () => {
      const { key, handlerSecret } = keysFor(provider);
      const handler = generated(provider);
      const [secretVar, originVar] = handler.envVars;
      endpoint = await startEndpoint({ kind: 'generated', module: handler.file }, { [secretVar]: handlerSecret, ...(originVar ? { [originVar]: PUBLIC_ORIGIN } : {}) });
      const routePath = `/webhooks/${provider.replace(':', '-')}`;
      const report = await runEndpointCheck({
        url: `${endpoint.origin}${routePath}`,
        publicUrl: `${PUBLIC_ORIGIN}${routePath}`,
        provider,
        key,
        customProviders: [ACME],
        samplesFolder: SAMPLES,
        oversizedBodyBytes: handler.maxBodyBytes,
      });
      assertAllPass(report, provider);
    });
  }
});
