// A generated handler file holds the payload types next to its own declarations (`Delivery`,
// `Reception`, `DeliveryLedger`, …) and imports (`Router`, `Hono`, `Flask`, …). A payload key with
// one of those names must give its type another name: in TypeScript two interfaces of one name
// merge (the handler's `Delivery` would gain the payload's fields and stop compiling), and a local
// type of an imported name does not compile; in Python the later class replaces the earlier.
import * as assert from 'node:assert/strict';
import { BUILT_IN_PROVIDERS, generateHandler, planHandler } from '../../../src/core';
import type { HandlerFramework } from '../../../src/core';

const FRAMEWORKS: HandlerFramework[] = ['express', 'fastify', 'nextjs', 'hono', 'node-http', 'flask', 'fastapi'];
const PYTHON: ReadonlySet<HandlerFramework> = new Set(['flask', 'fastapi']);

/** Capitalised names the file declares or imports at top level, with how often each occurs. */
function topLevelTypeNames(source: string, python: boolean): Map<string, number> {
  const names: string[] = [];
  const declared = python ? /^(?:class\s+([A-Z]\w*)|([A-Z]\w*)\s*:\s*TypeAlias\b)/gm : /^(?:export\s+)?(?:interface|type|class|enum)\s+([A-Z]\w*)/gm;
  for (const match of source.matchAll(declared)) names.push(match[1] ?? match[2]);
  const imports = python ? /^from\s+\S+\s+import\s+\(?([^)\n]+)\)?/gm : /^import\s+(?:type\s+)?([^'"]+?)\s+from\s/gm;
  for (const match of source.matchAll(imports)) {
    for (const part of match[1].replace(/[{}]/g, ',').split(',')) {
      const name = part.trim().replace(/^type\s+/, '').split(/\s+as\s+/).pop()!;
      if (/^[A-Z]\w*$/.test(name)) names.push(name);
    }
  }
  const counts = new Map<string, number>();
  for (const name of names) counts.set(name, (counts.get(name) ?? 0) + 1);
  return counts;
}

/** `DeliveryLedger` → `delivery_ledger`: the key a payload would need for the type to be named so. */
const keyFor = (name: string) => name.replace(/(?<=[a-z0-9])([A-Z])/g, '_$1').toLowerCase();

function generate(framework: HandlerFramework, provider: string, data: Record<string, unknown>): string {
  const body = new TextEncoder().encode(JSON.stringify({ id: 'evt_1', type: 'order.created', data }));
  const { spec } = planHandler([{ headers: { 'content-type': 'application/json' }, body }], { framework, routePath: '/hooks', provider });
  return generateHandler(spec).source;
}

describe("generated handlers keep payload type names apart from the file's own", () => {
  for (const framework of FRAMEWORKS) {
    it(`${framework}: payload keys named like the file's own types get other type names, for every provider`, () => {
      const python = PYTHON.has(framework);
      for (const provider of [...BUILT_IN_PROVIDERS, 'unknown']) {
        const own = [...topLevelTypeNames(generate(framework, provider, { total: 1 }), python).keys()].filter((n) => n !== 'Data');
        assert.ok(own.includes(python ? 'Reception' : 'Delivery'), `${framework} ${provider}: found ${own.join(', ')}`);
        const data = Object.fromEntries(own.map((name) => [keyFor(name), { note: 'a payload object' }]));
        const twice = [...topLevelTypeNames(generate(framework, provider, data), python)].filter(([, count]) => count > 1).map(([name]) => name);
        assert.deepEqual(twice, [], `${framework} ${provider}: payload keys ${Object.keys(data).join(', ')}`);
      }
    });
  }
});
