// Types generated from a few captures must hold for the deliveries that come next. Measured on
// every GitHub event of @octokit/webhooks-examples with more than three examples: the handler's
// types come from the first three (as captured), and every other real example of the event is
// checked against them as a value, not as an object literal (extra fields are fine at run time).
// Inferred types: a field seen only as null is `unknown`, and no string below the root is a literal
// union, so neither refuses a later payload; what inference cannot know (a field every capture had
// but a later payload lacks, a string that is null later) is reported. With @octokit/webhooks-types in
// the workspace the handler uses the official types, which accept every example of the event.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';
import { planTypes, readWorkspacePackages } from '../../src/core';
import type { PayloadSample } from '../../src/core';
import { octokitEvents, type ExampleEvent } from '../unit/codegen/octokitExamples';
import { GENERATED, REPO } from './support/generatedApps';

/** A JSON value as the TypeScript type of exactly that value. */
function exactType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return `[${value.map(exactType).join(', ')}]`;
  if (typeof value === 'object') return `{ ${Object.entries(value as Record<string, unknown>).map(([k, v]) => `${JSON.stringify(k)}: ${exactType(v)}`).join('; ')} }`;
  return JSON.stringify(value);
}

const CAPTURED = 3;
const events = octokitEvents().filter((event) => event.examples.length > CAPTURED);
const captures = (event: ExampleEvent): PayloadSample[] =>
  event.examples.slice(0, CAPTURED).map((example) => ({ headers: { 'x-github-event': event.name }, body: Buffer.from(JSON.stringify(example)) }));

interface Check {
  event: string;
  index: number;
  file: string;
}

/** Writes one file per later example: the event's types, then the example (as `adjust` makes it) assigned to the event's type. */
function writeChecks(folder: string, typesFor: (event: ExampleEvent) => { imports: string[]; source: string; typeName: string }, adjust: (event: ExampleEvent, example: unknown) => unknown): Check[] {
  fs.rmSync(folder, { recursive: true, force: true });
  const checks: Check[] = [];
  for (const event of events) {
    const types = typesFor(event);
    event.examples.slice(CAPTURED).forEach((example, index) => {
      const file = path.join(folder, `${event.name}-${index}.ts`);
      fs.mkdirSync(folder, { recursive: true });
      fs.writeFileSync(file, `${types.imports.join('\n')}\n${types.source}\ndeclare const later: ${exactType(adjust(event, example))};\nexport const typed: ${types.typeName} = later;\n`);
      checks.push({ event: event.name, index, file });
    });
  }
  return checks;
}

function diagnosticsOf(checks: readonly Check[]): Map<string, string[]> {
  const program = ts.createProgram(checks.map((c) => c.file), {
    strict: true, noEmit: true, skipLibCheck: true, target: ts.ScriptTarget.ES2022, lib: ['lib.es2022.d.ts'], types: [],
    module: ts.ModuleKind.Preserve, moduleResolution: ts.ModuleResolutionKind.Bundler,
  });
  const byFile = new Map<string, string[]>(checks.map((c) => [c.file, []]));
  for (const diagnostic of ts.getPreEmitDiagnostics(program)) {
    const file = diagnostic.file?.fileName ?? '(global)';
    byFile.set(file, [...(byFile.get(file) ?? []), ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')]);
  }
  return byFile;
}

describe('types generalise: from 3 captures of a GitHub event to its other real payloads', function () {
  this.timeout(300_000);

  it('inferred types refuse no later payload for a field seen only as null, or a literal below the root', () => {
    // The root `action` is a literal union of the captured actions by design (labels call issues.labeled
    // another event than issues.opened): a later payload of another action gets a captured one there, so
    // the check is about everything below the root.
    const actionOf = (example: unknown) => (example as { action?: unknown }).action;
    const capturedAction = (event: ExampleEvent, example: unknown) => {
      const seen = event.examples.slice(0, CAPTURED).map(actionOf);
      return seen.includes(actionOf(example)) ? example : { ...(example as object), action: seen[0] };
    };
    const checks = writeChecks(
      path.join(GENERATED, 'generalise', 'inferred'),
      (event) => {
        const plan = planTypes(captures(event), { provider: 'github' });
        return { imports: [], source: plan.typesSource, typeName: plan.events.find((e) => e.name === event.name)!.typeName };
      },
      capturedAction,
    );
    const diagnostics = diagnosticsOf(checks);
    const refused = checks.filter((check) => diagnostics.get(check.file)!.length > 0);
    for (const check of refused) {
      const text = diagnostics.get(check.file)!.join('\n');
      assert.doesNotMatch(text, /is not assignable to type 'null'/, `${check.event} #${check.index}: a field typed null`);
      assert.doesNotMatch(text, /Type '"[^"]*"' is not assignable to type '"[^"]*"( \| "[^"]*")*'/, `${check.event} #${check.index}: a literal union below the root`);
    }
    console.info(`      inferred from ${CAPTURED} captures: ${checks.length - refused.length} of ${checks.length} later payloads accepted`);
    assert.ok(checks.length >= 150, `only ${checks.length} later payloads`);
  });

  it('with @octokit/webhooks-types in the workspace, every later payload of every captured event is accepted', () => {
    const official = readWorkspacePackages(REPO).officialTypes();
    const checks = writeChecks(
      path.join(GENERATED, 'generalise', 'official'),
      (event) => {
        const plan = planTypes(captures(event), { provider: 'github', officialTypes: official });
        assert.deepEqual(plan.officialTypes?.events, [event.name], `${event.name} is typed by the package`);
        return { imports: plan.typeImports, source: plan.typesSource, typeName: plan.events[0].typeName };
      },
      (_event, example) => example,
    );
    const diagnostics = diagnosticsOf(checks);
    const refused = checks.filter((check) => diagnostics.get(check.file)!.length > 0).map((check) => `${check.event} #${check.index}: ${diagnostics.get(check.file)![0].slice(0, 300)}`);
    assert.ok(checks.length >= 150, `only ${checks.length} later payloads`);
    assert.deepEqual(refused, []);
    console.info(`      official types: ${checks.length} of ${checks.length} later payloads accepted`);
  });
});
