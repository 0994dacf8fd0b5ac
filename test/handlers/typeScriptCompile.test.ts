// Every generated TypeScript handler compiles under strict TypeScript with the strictest extras
// (noUncheckedIndexedAccess, exactOptionalPropertyTypes, no unused code): every provider × framework
// from real captures, plus the variants a project brings — an unknown provider, official payload
// types from the workspace, and Next.js releases before 15.1 (their published types, read from a
// workspace that has them installed).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';
import { generateHandler, planHandler, readWorkspacePackages } from '../../src/core';
import type { HandlerSpec, PayloadSample } from '../../src/core';
import { octokitEvents } from '../unit/codegen/octokitExamples';
import { GENERATED, generateFromCaptures, REPO, stemOf, TYPESCRIPT_FRAMEWORKS } from './support/generatedApps';
import { PROVIDER_KITS } from './support/providerKits';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const harnessPaths = require('../../../test/harness/paths') as { olderNextVersions: string[]; olderNext(version: string): string };

const STRICTEST: ts.CompilerOptions = {
  strict: true,
  noUncheckedIndexedAccess: true,
  exactOptionalPropertyTypes: true,
  noUnusedLocals: true,
  noUnusedParameters: true,
  noImplicitReturns: true,
  noFallthroughCasesInSwitch: true,
  noImplicitOverride: true,
  esModuleInterop: true,
  skipLibCheck: true,
  noEmit: true,
  target: ts.ScriptTarget.ES2022,
  lib: ['lib.es2022.d.ts'],
  module: ts.ModuleKind.Preserve,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  types: ['node'],
  typeRoots: [path.join(REPO, 'node_modules', '@types')],
};

function write(file: string, source: string): string {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, source);
  return file;
}

/** Diagnostics of one program over the files, formatted, by file. */
function compile(files: readonly string[]): Map<string, string[]> {
  const program = ts.createProgram(files, STRICTEST);
  const byFile = new Map<string, string[]>(files.map((file) => [file, []]));
  for (const diagnostic of ts.getPreEmitDiagnostics(program)) {
    const file = diagnostic.file?.fileName ?? '(global)';
    const line = diagnostic.file && diagnostic.start !== undefined ? diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start).line + 1 : 0;
    byFile.set(file, [...(byFile.get(file) ?? []), `${path.relative(GENERATED, file)}:${line}: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')}`]);
  }
  return byFile;
}

describe('generated TypeScript handlers compile under the strictest settings', function () {
  this.timeout(300_000);
  const folder = path.join(GENERATED, 'compile');

  before(() => fs.rmSync(folder, { recursive: true, force: true }));

  it('every provider × framework, generated from real captures: zero diagnostics', () => {
    const files: string[] = [];
    for (const framework of TYPESCRIPT_FRAMEWORKS) {
      for (const kit of PROVIDER_KITS) {
        const { generated } = generateFromCaptures(kit, framework);
        files.push(write(path.join(folder, framework, stemOf(kit.provider), generated.fileName), generated.source));
      }
      // A provider nobody knows gets the reject-everything hook; it must compile too.
      const unknown = generateHandler({ ...generateFromCaptures(PROVIDER_KITS[0], framework).spec, provider: 'zapier-like', customProviders: [] });
      files.push(write(path.join(folder, framework, 'unknown', unknown.fileName), unknown.source));
    }
    assert.equal(files.length, TYPESCRIPT_FRAMEWORKS.length * (PROVIDER_KITS.length + 1));
    const problems = [...compile(files).values()].flat();
    assert.deepEqual(problems, []);
  });

  it('official payload types from the workspace (@octokit/webhooks-types, stripe) are imported and compile', () => {
    const workspace = readWorkspacePackages(REPO);
    const official = workspace.officialTypes();
    assert.ok(official.get('@octokit/webhooks-types')?.has('pull_request'), 'the workspace has @octokit/webhooks-types');
    assert.ok(official.get('stripe')?.has('customer.created'), 'the workspace has stripe');
    const github = octokitEvents().filter((event) => ['push', 'issues', 'pull_request'].includes(event.name));
    const githubCaptures: PayloadSample[] = github.flatMap((event) => event.examples.slice(0, 3).map((example) => ({ headers: { 'x-github-event': event.name }, body: Buffer.from(JSON.stringify(example)) })));
    const stripeKit = PROVIDER_KITS.find((kit) => kit.provider === 'stripe')!;
    const files: string[] = [];
    for (const framework of ['express', 'nextjs'] as const) {
      for (const [provider, captures] of [['github', githubCaptures], ['stripe', stripeKit.captures]] as const) {
        const { spec, plan } = planHandler(captures, { framework, provider, routePath: `/webhooks/${provider}`, officialTypes: official });
        const generated = generateHandler(spec);
        const expected = provider === 'github' ? "import type { WebhookEventMap } from '@octokit/webhooks-types';" : "import type Stripe from 'stripe';";
        assert.ok(generated.source.includes(`\n${expected}\n`), `${provider}: imports its official types`);
        assert.match(generated.source, new RegExp(`^// Payload types: ${plan.officialTypes!.package} \\(found in your workspace\\) types`, 'm'));
        files.push(write(path.join(folder, 'official', framework, provider, generated.fileName), generated.source));
      }
    }
    assert.deepEqual([...compile(files).values()].flat(), []);
  });

  it("payload objects named like the file's own types (delivery, reception, router, server, hono, …) compile too", () => {
    // Named after the handler's own interfaces and each framework's imported types: a payload type of
    // the same name would merge with the interface or clash with the import.
    const keys = ['delivery', 'reception', 'delivery_ledger', 'router', 'fastify', 'fastify_instance', 'fastify_server_options', 'hono', 'server_type', 'server'];
    const data = Object.fromEntries(keys.map((key) => [key, { id: `${key}_1`, note: 'a payload object' }]));
    const body = Buffer.from(JSON.stringify({ id: 'evt_1', type: 'order.created', data }));
    const files = TYPESCRIPT_FRAMEWORKS.flatMap((framework) =>
      (['stripe', 'twilio'] as const).map((provider) => {
        const { spec } = planHandler([{ headers: { 'content-type': 'application/json' }, body }], { framework, provider, routePath: `/webhooks/${provider}` });
        const generated = generateHandler(spec);
        return write(path.join(folder, 'own-names', framework, provider, generated.fileName), generated.source);
      }),
    );
    assert.deepEqual([...compile(files).values()].flat(), []);
  });

  for (const version of harnessPaths.olderNextVersions) {
    it(`Next.js ${version} (no after()): the version is read from the workspace and the route compiles against its types`, () => {
      const workspace = path.join(GENERATED, `next-${version}`);
      fs.rmSync(workspace, { recursive: true, force: true });
      fs.mkdirSync(path.join(workspace, 'node_modules'), { recursive: true });
      fs.symlinkSync(harnessPaths.olderNext(version), path.join(workspace, 'node_modules', 'next'), 'dir');
      write(path.join(workspace, 'package.json'), JSON.stringify({ name: 'older-next-app', private: true, dependencies: { next: `^${version}` } }));
      const installed = readWorkspacePackages(workspace).versionOf('next');
      assert.equal(installed, version);
      const kit = PROVIDER_KITS.find((k) => k.provider === 'github')!;
      const route = (extra: Partial<HandlerSpec>, name: string) => {
        const { generated } = generateFromCaptures(kit, 'nextjs', extra);
        return write(path.join(workspace, name, generated.fileName), generated.source);
      };
      const forInstalled = route({ frameworkVersion: installed }, 'for-installed');
      const forLatest = route({}, 'for-latest');
      const diagnostics = compile([forInstalled, forLatest]);
      assert.deepEqual(diagnostics.get(forInstalled), []);
      assert.doesNotMatch(fs.readFileSync(forInstalled, 'utf8'), /from 'next\/server'/);
      // What Next.js 15.1+ needs does not exist in this release: the version is what makes the difference.
      assert.match((diagnostics.get(forLatest) ?? []).join('\n'), /has no exported member named 'after'|has no exported member 'after'/);
    });
  }
});
