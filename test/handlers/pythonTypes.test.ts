// The Python payload types: every sample must be assignable to its TypedDict under pyright --strict,
// as TypeScript's are under tsc --strict, and the declarations must run (a module is executed top to
// bottom, so forward references have to be ones Python accepts). Checked on awkward keys and shapes,
// and on every @octokit/webhooks-examples event.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { generatePythonTypes } from '../../src/core';
import { octokitEvents } from '../unit/codegen/octokitExamples';
import { GENERATED, PYTHON, REPO } from './support/generatedApps';

/** A JSON value as a Python literal. */
function pythonLiteral(value: unknown): string {
  if (value === null) return 'None';
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (Array.isArray(value)) return `[${value.map(pythonLiteral).join(', ')}]`;
  if (typeof value === 'object') return `{${Object.entries(value as Record<string, unknown>).map(([k, v]) => `${JSON.stringify(k)}: ${pythonLiteral(v)}`).join(', ')}}`;
  return JSON.stringify(value);
}

function moduleOf(types: string, rootName: string, samples: readonly unknown[]): string {
  const typing = ['Literal', 'NotRequired', 'TypeAlias', 'TypedDict'].filter((name) => types.includes(name));
  return [
    'from __future__ import annotations',
    '',
    ...(typing.length ? [`from typing import ${typing.join(', ')}`] : []),
    '',
    types,
    '',
    ...samples.map((sample, i) => `sample${i}: ${rootName} = ${pythonLiteral(sample)}`),
    '',
  ].join('\n');
}

function pyrightErrors(folder: string): string[] {
  fs.writeFileSync(path.join(folder, 'pyrightconfig.json'), JSON.stringify({ typeCheckingMode: 'strict', pythonVersion: '3.11', reportUnusedVariable: false }));
  const result = spawnSync(process.execPath, [path.join(REPO, 'node_modules', 'pyright', 'index.js'), '--outputjson', '--pythonpath', PYTHON, '-p', path.join(folder, 'pyrightconfig.json'), folder], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const report = JSON.parse(result.stdout) as { generalDiagnostics: Array<{ file: string; severity: string; message: string; range: { start: { line: number } } }> };
  return report.generalDiagnostics.filter((d) => d.severity === 'error').map((d) => `${path.basename(d.file)}:${d.range.start.line + 1}: ${d.message.slice(0, 300)}`);
}

/** Runs every module under Python; returns what failed. */
function runAll(folder: string, files: readonly string[]): string {
  const script = `import runpy, sys\nfailed = []\nfor f in sys.argv[1:]:\n    try:\n        runpy.run_path(f)\n    except Exception as e:\n        failed.append(f"{f}: {e!r}")\nprint("\\n".join(failed))\n`;
  const result = spawnSync(PYTHON, ['-c', script, ...files], { cwd: folder, encoding: 'utf8' });
  return `${result.stdout}${result.stderr}`.trim();
}

const AWKWARD: Array<{ name: string; samples: unknown[] }> = [
  { name: 'keywords_and_odd_keys', samples: [{ from: 'a', class: 1, 'content-type': 'x', '+1': 2, __typename: 'User', type: 'soft keyword' }, { from: 'b', class: 2, 'content-type': 'y', '+1': 3, __typename: 'User', type: 'again' }] },
  { name: 'an_empty_key', samples: [{ '': 0, id: 1 }, { nested: { '': 'x' } }] },
  { name: 'keys_that_shadow_types', samples: [{ object: 'event', str: 'x', int: 1, data: { object: { id: 1 } }, list: [1] }] },
  { name: 'optional_nullable_union', samples: [{ id: 1, note: 'a', price: 1 }, { id: 2, note: null, price: 2.5, extra: { deep: [{ x: 1 }] } }, { id: 3, mixed: [1, 'a', { k: true }] }] },
  { name: 'only_null_and_empty', samples: [{ closed_at: null, tags: [], meta: {} }, { closed_at: null, tags: [], meta: {} }] },
  { name: 'discriminators', samples: [{ action: 'opened', event: { action: 'nested' } }, { action: 'closed', event: { action: 'other' } }] },
  { name: 'top_level_array', samples: [[{ eventId: 1 }, { eventId: 2, extra: 'x' }], []] },
  { name: 'recursive_depth', samples: [{ child: { child: { child: { leaf: 1 } } } }, { child: { child: null } }] },
];

describe('Python TypedDicts from captures', function () {
  this.timeout(600_000);

  it('awkward keys and shapes: every sample fits under pyright --strict, and the module runs', () => {
    const folder = path.join(GENERATED, 'python-types', 'awkward');
    fs.rmSync(folder, { recursive: true, force: true });
    fs.mkdirSync(folder, { recursive: true });
    const files = AWKWARD.map(({ name, samples }) => {
      const file = path.join(folder, `${name}.py`);
      fs.writeFileSync(file, moduleOf(generatePythonTypes(samples, { rootName: 'Root' }).source, 'Root', samples));
      return file;
    });
    assert.deepEqual(pyrightErrors(folder), []);
    assert.equal(runAll(folder, files), '');
    const keywords = fs.readFileSync(files[0], 'utf8');
    assert.match(keywords, /^Root = TypedDict\(\n {4}"Root",\n {4}\{\n {8}"from": "str",/m, 'keys Python cannot spell take the functional syntax');
    assert.match(fs.readFileSync(files[4], 'utf8'), /^ {4}closed_at: object {2}# only null in the captures$/m);
    assert.match(fs.readFileSync(files[5], 'utf8'), /^ {4}action: Literal\["closed", "opened"\]$/m);
    assert.match(fs.readFileSync(files[5], 'utf8'), /^ {4}action: str$/m, 'below the root a string stays a string');
  });

  it('every @octokit/webhooks-examples event: all its examples fit its TypedDict', () => {
    const folder = path.join(GENERATED, 'python-types', 'octokit');
    fs.rmSync(folder, { recursive: true, force: true });
    fs.mkdirSync(folder, { recursive: true });
    const files = octokitEvents().map((event) => {
      const file = path.join(folder, `${event.name}.py`);
      fs.writeFileSync(file, moduleOf(generatePythonTypes(event.examples, { rootName: event.typeName }).source, event.typeName, event.examples));
      return file;
    });
    assert.ok(files.length >= 50);
    assert.deepEqual(pyrightErrors(folder), []);
    assert.equal(runAll(folder, files), '');
  });
});
