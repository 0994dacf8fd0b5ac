// Every generated Python handler type-checks under pyright's strict mode against the installed
// Flask, FastAPI and cryptography: every provider × framework from real captures, an unknown
// provider, and — so the check is known to bite — a filled-in function that misuses its payload.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { generateHandler } from '../../src/core';
import { GENERATED, generateFromCaptures, PYTHON, PYTHON_FRAMEWORKS, REPO, stemOf } from './support/generatedApps';
import { PROVIDER_KITS } from './support/providerKits';

interface PyrightReport {
  generalDiagnostics: Array<{ file: string; severity: string; message: string; rule?: string; range: { start: { line: number } } }>;
  summary: { filesAnalyzed: number; errorCount: number };
}

function pyright(folder: string): PyrightReport {
  fs.writeFileSync(path.join(folder, 'pyrightconfig.json'), JSON.stringify({ typeCheckingMode: 'strict', pythonVersion: '3.11', pythonPlatform: 'Linux' }));
  const cli = path.join(REPO, 'node_modules', 'pyright', 'index.js');
  const result = spawnSync(process.execPath, [cli, '--outputjson', '--pythonpath', PYTHON, '-p', path.join(folder, 'pyrightconfig.json'), folder], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (!result.stdout) throw new Error(`pyright printed nothing: ${result.stderr}`);
  return JSON.parse(result.stdout) as PyrightReport;
}

const describeErrors = (report: PyrightReport) =>
  report.generalDiagnostics.filter((d) => d.severity === 'error').map((d) => `${path.relative(GENERATED, d.file)}:${d.range.start.line + 1}: ${d.message} (${d.rule ?? ''})`);

describe('generated Python handlers type-check under pyright --strict', function () {
  this.timeout(300_000);
  const folder = path.join(GENERATED, 'pyright');
  let report: PyrightReport;
  const files: string[] = [];

  before(() => {
    fs.rmSync(folder, { recursive: true, force: true });
    for (const framework of PYTHON_FRAMEWORKS) {
      for (const kit of PROVIDER_KITS) {
        const { generated } = generateFromCaptures(kit, framework);
        files.push(write(path.join(folder, framework, stemOf(kit.provider).replace(/-/g, '_'), generated.fileName), generated.source));
      }
      const unknown = generateHandler({ ...generateFromCaptures(PROVIDER_KITS[0], framework).spec, provider: 'zapier-like', customProviders: [] });
      files.push(write(path.join(folder, framework, 'unknown', unknown.fileName), unknown.source));
    }
    report = pyright(folder);
  });

  it('every provider × framework (and an unknown provider): zero errors', () => {
    assert.equal(report.summary.filesAnalyzed, files.length);
    assert.deepEqual(describeErrors(report), []);
  });

  it('strict mode bites: a function that reads a key its TypedDict lacks is an error', () => {
    const kit = PROVIDER_KITS.find((k) => k.provider === 'stripe')!;
    const { generated } = generateFromCaptures(kit, 'flask');
    const misuse = generated.source.replace(/(def on_customer_created\(event: CustomerCreatedEvent\) -> None:\n\s+"""[^\n]*"""\n)/, '$1    print(event["no_such_key"])\n');
    assert.notEqual(misuse, generated.source);
    const broken = path.join(GENERATED, 'pyright-bites');
    fs.rmSync(broken, { recursive: true, force: true });
    write(path.join(broken, generated.fileName), misuse);
    const errors = describeErrors(pyright(broken));
    assert.ok(errors.some((error) => /"no_such_key" is not a defined key in "CustomerCreatedEvent"/.test(error)), errors.join('\n'));
  });
});

function write(file: string, source: string): string {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, source);
  return file;
}
