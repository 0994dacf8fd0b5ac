import * as assert from 'node:assert/strict';
import { generateTypes } from '../../../src/core';
import { syntheticOrders } from '../../../bench/syntheticOrders';
import { declarationFacts, globalNames, samplesFile, typeCheck } from './typeCheck';

interface EdgeCase {
  name: string;
  samples: unknown[];
  rootName?: string;
  /** Extra assertions on the generated source. */
  expect?: (types: string) => void;
}

function nested(depth: number, keyAt: (level: number) => string, leaf: unknown): unknown {
  let value = leaf;
  for (let level = depth - 1; level >= 0; level--) value = { [keyAt(level)]: value };
  return value;
}

const member = (types: string, line: string) => assert.ok(types.split('\n').includes(`  ${line}`), `no "${line}" in\n${types}`);
const declares = (types: string, name: string) => assert.match(types, new RegExp(`^export (interface|type) ${name}\\b`, 'm'));
const countOf = (types: string, pattern: RegExp) => types.match(new RegExp(pattern, 'gm'))?.length ?? 0;

const GLOBAL_KEYS = ['date', 'event', 'error', 'object', 'array', 'map', 'record', 'promise', 'function', 'string',
  'number', 'boolean', 'symbol', 'node', 'element', 'response', 'request', 'headers', 'URL', 'comment', 'text',
  'range', 'location', 'permissions', 'storage', 'file', 'blob', 'document', 'window', 'history', 'selection',
  'performance', 'notification', 'payload'];

const cases: EdgeCase[] = [
  { name: 'array of objects at the top', rootName: 'Commits', samples: [[{ id: 1 }, { id: 2, message: 'x' }], []],
    expect: (t) => { assert.match(t, /^export type Commits = Commit\[\];$/m); member(t, 'message?: string;'); } },
  { name: 'array of primitives at the top', samples: [[1, 2.5], ['a'], []],
    expect: (t) => assert.match(t, /^export type Root = \(string \| number\)\[\];$/m) },
  { name: 'primitives at the top', samples: [1, 'text', true, null],
    expect: (t) => assert.equal(t, 'export type Root = string | number | boolean | null;\n') },
  { name: 'an object or null at the top', samples: [{ id: 1 }, null],
    expect: (t) => { assert.match(t, /^export type Root = RootObject \| null;$/m); declares(t, 'RootObject'); } },
  { name: 'no samples', samples: [], expect: (t) => assert.equal(t, 'export type Root = unknown;\n') },
  { name: 'keys that are not identifiers', samples: [{ '+1': 1, '-1': 0, 'content-type': 'a', 'a b': 1, '1st': 2, '': 3, $ok: 1, _ok: 2 }],
    expect: (t) => ['"+1": number;', '"-1": number;', '"content-type": string;', '"a b": number;', '"1st": number;', '"": number;', '$ok: number;', '_ok: number;'].forEach((line) => member(t, line)) },
  { name: 'keys named like Object.prototype members', samples: [JSON.parse('{"__proto__": {"x": 1}, "constructor": {"y": 2}, "toString": "s"}')],
    expect: (t) => { member(t, '__proto__: Proto;'); member(t, 'constructor: Constructor;'); member(t, 'toString: string;'); } },
  { name: 'unicode keys', samples: [{ 'ü': 1, '名前': 'x', 'café_au_lait': { 'é': true }, 'emoji😀': 1, 'zero\u200bwidth': 2 }],
    expect: (t) => { ['ü: number;', '名前: string;', '"emoji😀": number;', '"zero\u200bwidth": number;'].forEach((line) => member(t, line)); declares(t, 'CaféAuLait'); } },
  { name: 'depth 30 under one repeated key', samples: [nested(30, () => 'child', 'leaf'), nested(29, () => 'child', null)] },
  { name: 'depth 30 under distinct keys', samples: [nested(30, (level) => `level_${String.fromCharCode(97 + (level % 26))}${'x'.repeat(Math.floor(level / 26))}`, [1])],
    expect: (t) => assert.equal(countOf(t, /^export interface/), 30) },
  { name: 'integers and floats', samples: [{ n: 1, m: [1, 2.5, -3e10] }, { n: 0.25, m: [] }],
    expect: (t) => { member(t, 'n: number;'); member(t, 'm: number[];'); } },
  { name: 'empty objects', samples: [{ always: {}, sometimes: {}, list: [{}] }, { always: {}, sometimes: { id: 1 }, list: [] }],
    expect: (t) => { member(t, 'always: Record<string, never>;'); member(t, 'sometimes: Sometimes;'); member(t, 'list: Record<string, never>[];'); member(t, 'id?: number;'); } },
  { name: 'empty arrays', samples: [{ tags: [], nested: { items: [] } }, { tags: [] }],
    expect: (t) => { member(t, 'tags: unknown[];'); member(t, 'items: unknown[];'); member(t, 'nested?: Nested;'); } },
  { name: 'null in some samples, a value in others', samples: [{ closed_at: null, merged_by: null, body: 'x' }, { closed_at: '2024-01-01', merged_by: { login: 'a' }, body: null }],
    expect: (t) => { member(t, 'closed_at: string | null;'); member(t, 'merged_by: MergedBy | null;'); member(t, 'body: string | null;'); } },
  { name: 'optional fields', samples: [{ id: 1, label: 'a' }, { id: 2 }, { id: 3, extra: { x: 1 } }],
    expect: (t) => { member(t, 'id: number;'); member(t, 'label?: string;'); member(t, 'extra?: Extra;'); } },
  { name: 'mixed types become a union', samples: [{ v: 'a', w: [1, 'x', { k: 1 }, [true]] }, { v: 2 }, { v: { k: 'z' } }, { v: [1] }, { v: false }],
    expect: (t) => { member(t, 'v: V | number[] | string | number | boolean;'); member(t, 'w?: (W | boolean[] | string | number)[];'); } },
  { name: 'array elements of different shapes are merged', samples: [{ items: [{ id: 1, name: 'a' }, { id: 2, price: 3 }, { id: 3, name: null }] }],
    expect: (t) => { assert.equal(countOf(t, /^export interface/), 2); member(t, 'items: Item[];'); member(t, 'name?: string | null;'); member(t, 'price?: number;'); } },
  { name: 'root discriminators only', samples: [{ action: 'opened', type: 'a', event: 'x', event_type: 'e1', kind: 'k', issue: { action: 'n', type: 'b' } }, { action: 'closed', type: 'c', event: 'y', event_type: 'e2', kind: 'l', issue: { action: 'm', type: 'd' } }],
    expect: (t) => {
      ['action: "closed" | "opened";', 'type: "a" | "c";', 'event: "x" | "y";', 'event_type: "e1" | "e2";', 'kind: string;', 'action: string;', 'type: string;'].forEach((line) => member(t, line));
      assert.deepEqual(declarationFacts(t).literalMembers.filter((m) => !m.startsWith('Root.')), []);
    } },
  { name: 'a discriminator that is sometimes missing or null', samples: [{ action: 'a' }, { action: null }, {}],
    expect: (t) => member(t, 'action?: "a" | null;') },
  { name: 'names that clash with globals or the root', rootName: 'Payload', samples: [Object.fromEntries(GLOBAL_KEYS.map((key) => [key, { [`${key}_id`]: 1 }]))] },
  { name: 'identical shapes share one declaration', samples: [{ billing_address: { line1: 'a', city: 'b' }, shipping_address: { line1: 'c', city: 'd' }, owners: [{ login: 'x', id: 1 }], sender: { login: 'y', id: 2 } }],
    expect: (t) => { assert.equal(countOf(t, /^export interface/), 3); member(t, 'billing_address: BillingAddress;'); member(t, 'shipping_address: BillingAddress;'); } },
  { name: 'near-identical shapes under one name are merged', samples: [{ issue: { user: { id: 1, login: 'a', type: 'User' } }, comment: { user: { id: 2, login: 'b', type: 'Bot', site_admin: false } } }],
    expect: (t) => { assert.doesNotMatch(t, /CommentUser|IssueUser/); member(t, 'user: User;'); member(t, 'site_admin?: boolean;'); } },
  { name: 'different shapes wanting one name are told apart by their parent', samples: [{ head: { commit_id: 'a', tree: { sha: 'x' } }, pull_request: { head: { ref: 'main', sha: 'b', label: 'l', repo: { id: 1 } } } }],
    expect: (t) => { declares(t, 'Head'); declares(t, 'PullRequestHead'); member(t, 'head: PullRequestHead;'); } },
  { name: 'array elements are named in the singular', samples: [{ commits: [{ id: 'a' }], repositories: [{ id: 1 }], statuses: [{ s: 1 }], branches: [{ b: 1 }], children: [{ c: 1 }], data: [{ d: 1 }], matrix: [[{ m: 1 }]] }],
    expect: (t) => ['Commit', 'Repository', 'Status', 'Branch', 'Child', 'Data', 'Matrix'].forEach((name) => declares(t, name)) },
];

describe('generateTypes edge cases', function () {
  this.timeout(60_000);
  const generated = new Map(cases.map((c) => [c.name, generateTypes(c.samples, { rootName: c.rootName ?? 'Root' })]));
  const fileName = (index: number) => `case${index}`;
  let diagnostics: Map<string, string[]>;
  let globals: Set<string>;

  before(() => {
    diagnostics = typeCheck(cases.map((c, i) => samplesFile(fileName(i), generated.get(c.name) ?? '', c.rootName ?? 'Root', c.samples)));
    globals = globalNames();
  });

  cases.forEach((edgeCase, index) => {
    it(`${edgeCase.name}: every sample is assignable`, () => {
      const types = generated.get(edgeCase.name) ?? '';
      assert.deepEqual(diagnostics.get(fileName(index)), [], types);
      const facts = declarationFacts(types);
      assert.equal(facts.usesAny, false);
      assert.equal(facts.names[0], edgeCase.rootName ?? 'Root');
      assert.deepEqual(facts.names.filter((name) => globals.has(name)), []);
      assert.equal(new Set(facts.names).size, facts.names.length, 'a name is declared twice');
      edgeCase.expect?.(types);
    });
  });

  it('never names a nested type after a global or the root', () => {
    const types = generated.get('names that clash with globals or the root') ?? '';
    const names = declarationFacts(types).names;
    assert.equal(names.length, GLOBAL_KEYS.length + 1);
    assert.ok(names.slice(1).every((name) => name.startsWith('Payload')), names.join(', '));
    assert.deepEqual(names.filter((name) => /\d/.test(name)), []);
  });

  it('formats with two-space indents and one blank line between declarations', () => {
    const types = generated.get('optional fields') ?? '';
    assert.equal(types, 'export interface Root {\n  id: number;\n  label?: string;\n  extra?: Extra;\n}\n\nexport interface Extra {\n  x: number;\n}\n');
  });

  it('is deterministic', () => {
    for (const edgeCase of cases) assert.equal(generateTypes(edgeCase.samples, { rootName: edgeCase.rootName ?? 'Root' }), generated.get(edgeCase.name));
  });

  it('produces types that reject what the samples never showed', () => {
    const types = generateTypes([{ id: 1, tags: ['a'] }], { rootName: 'Root' });
    const wrong = typeCheck([
      samplesFile('wrongType', types, 'Root', [{ id: 'one', tags: ['a'] }]),
      samplesFile('extraKey', types, 'Root', [{ id: 1, tags: [], extra: true }]),
      samplesFile('missingKey', types, 'Root', [{ tags: [] }]),
    ]);
    for (const name of ['wrongType', 'extraKey', 'missingKey']) assert.notDeepEqual(wrong.get(name), [], name);
  });

  it('rejects a root name that is not an identifier', () => {
    assert.throws(() => generateTypes([{}], { rootName: 'not valid' }), RangeError);
  });
});

describe('generateTypes on a large synthetic payload', () => {
  it('types 200 KB of orders so that the whole payload is assignable', function () {
    this.timeout(60_000);
    const orders = JSON.parse(syntheticOrders(200 * 1024)) as unknown;
    const types = generateTypes([orders], { rootName: 'Orders' });
    assert.deepEqual(typeCheck([samplesFile('orders', types, 'Orders', [orders])]).get('orders'), [], types);
    for (const name of ['Order', 'Customer', 'Address', 'LineItem', 'Price']) assert.match(types, new RegExp(`^export interface ${name} \\{`, 'm'));
  });
});
