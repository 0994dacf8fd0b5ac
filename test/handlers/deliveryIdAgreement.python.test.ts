// The Python handlers read the same delivery id as the duplicate badge (and as the TypeScript
// handlers, test/unit/deliveries/deliveryIdAgreement.test.ts), for every provider's real deliveries:
// each generated module parses the delivery with its own parse_payload and reads the id with its
// own delivery_id_of, under Python.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { BUILT_IN_PROVIDERS, deliveryIdOf, generateHandler } from '../../src/core';
import { CUSTOM, DELIVERIES } from '../support/deliveryIdCases';
import { GENERATED, PYTHON } from './support/generatedApps';

const READ_IDS = `
import importlib.util, json, sys
cases = json.load(open(sys.argv[1]))
results = []
for case in cases:
    spec = importlib.util.spec_from_file_location("m" + str(len(results)), case["module"])
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    headers = {name.lower(): value for name, value in case["headers"].items()}
    delivery = module.Delivery(method="POST", url="/hooks/in", raw_body=case["body"].encode(), header=lambda name: headers.get(name.lower()))
    parsed = module.parse_payload(delivery)
    payload = parsed if not isinstance(parsed, tuple) else parsed[0]
    results.append(None if isinstance(parsed, str) else module.delivery_id_of(delivery, payload) if hasattr(module, "delivery_id_of") else None)
print(json.dumps(results))
`;

describe('delivery ids: the duplicate badge and the generated Python handler agree', function () {
  this.timeout(120_000);
  let pythonIds: Array<string | null>;

  before(() => {
    const folder = path.join(GENERATED, 'agreement-python');
    fs.rmSync(folder, { recursive: true, force: true });
    fs.mkdirSync(folder, { recursive: true });
    const cases = DELIVERIES.map((delivery, index) => {
      const { source } = generateHandler({
        framework: 'flask', provider: delivery.provider, customProviders: CUSTOM, typesSource: 'AnyPayload: TypeAlias = dict[str, object]',
        rootTypeName: 'AnyPayload', events: [], eventSource: { kind: 'none' }, routePath: '/hooks/in',
      });
      const module = path.join(folder, `case_${index}.py`);
      fs.writeFileSync(module, source);
      return { module, headers: delivery.headers, body: delivery.body };
    });
    fs.writeFileSync(path.join(folder, 'cases.json'), JSON.stringify(cases));
    const result = spawnSync(PYTHON, ['-c', READ_IDS, path.join(folder, 'cases.json')], { encoding: 'utf8' });
    assert.equal(result.status, 0, result.stderr);
    pythonIds = JSON.parse(result.stdout) as Array<string | null>;
  });

  it('covers every built-in provider and a custom one', () => {
    const covered = new Set(DELIVERIES.map((d) => d.provider));
    for (const provider of [...BUILT_IN_PROVIDERS, 'custom:acme']) assert.ok(covered.has(provider), provider);
  });

  DELIVERIES.forEach((delivery, index) => {
    it(`${delivery.provider}, ${delivery.what}: ${delivery.id ?? 'no id'}`, () => {
      const badge = deliveryIdOf({ method: 'POST', url: '/hooks/in', headers: delivery.headers, body: Buffer.from(delivery.body) }, undefined, CUSTOM);
      assert.equal(badge, delivery.id, 'the extension reads the id the provider repeats');
      assert.equal(pythonIds[index] ?? undefined, badge, 'the Python handler reads the same id');
    });
  });
});
