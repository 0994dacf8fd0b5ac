import * as assert from 'node:assert/strict';
import { generateEventUnion, generateTypes } from '../../../src/core';
import { octokitEvents } from './octokitExamples';
import { declarationFacts, globalNames, samplesFile, typeCheck } from './typeCheck';

describe('generateTypes on every @octokit/webhooks-examples event', function () {
  this.timeout(120_000);
  const events = octokitEvents();
  const generated = new Map(events.map((event) => [event.name, generateTypes(event.examples, { rootName: event.typeName })]));
  let diagnostics: Map<string, string[]>;
  let globals: Set<string>;

  before(() => {
    diagnostics = typeCheck(events.map((e) => samplesFile(e.name, generated.get(e.name) ?? '', e.typeName, e.examples)));
    globals = globalNames();
  });

  it('covers every event and example of the package', () => {
    assert.ok(events.length >= 50, `only ${events.length} events`);
    assert.ok(events.reduce((sum, e) => sum + e.examples.length, 0) >= 300);
  });

  for (const event of events) {
    it(`${event.name}: all ${event.examples.length} example(s) are assignable to ${event.typeName}`, () => {
      const types = generated.get(event.name) ?? '';
      assert.deepEqual(diagnostics.get(event.name), [], types);
      const facts = declarationFacts(types);
      assert.equal(facts.names[0], event.typeName);
      assert.equal(facts.usesAny, false);
      assert.deepEqual(facts.literalMembers.filter((member) => !member.startsWith(`${event.typeName}.`)), []);
      assert.deepEqual(facts.names.filter((name) => /\d$/.test(name) || globals.has(name)), []);
      assert.equal(new Set(facts.names).size, facts.names.length, 'a name is declared twice');
    });
  }

  it('names pull_request types after their keys and types `action` as the observed literals', () => {
    const types = generated.get('pull_request') ?? '';
    for (const name of ['PullRequestEvent', 'PullRequest', 'Repository', 'Label', 'Milestone']) {
      assert.match(types, new RegExp(`^export interface ${name} \\{`, 'm'));
    }
    assert.match(types, /^ {2}action: "assigned" \| "closed" \| .*"opened" \|.*;$/m);
    assert.match(types, /^ {2}pull_request: PullRequest;$/m);
    assert.match(types, /^ {2}head: (\w+);\n {2}base: \1;$/m, 'head and base share one type');
  });

  it('is deterministic', () => {
    const event = events.find((e) => e.name === 'issues');
    assert.ok(event);
    assert.equal(generateTypes(event.examples, { rootName: event.typeName }), generated.get('issues'));
  });

  it('types all events of a route as one union of { event, payload } that every delivery fits', () => {
    const samplesByEvent = new Map(events.map((e) => [e.name, e.examples]));
    const types = generateEventUnion(samplesByEvent, { rootName: 'GitHubWebhook' });
    const deliveries = events.flatMap((e) => e.examples.map((payload) => ({ event: e.name, payload })));
    const result = typeCheck([samplesFile('union', types, 'GitHubWebhook', deliveries)]);
    assert.deepEqual(result.get('union'), []);
    assert.match(types, /^export type GitHubWebhook =\n {2}\| \{ event: "branch_protection_rule"; payload: BranchProtectionRuleEvent \}$/m);
    const facts = declarationFacts(types);
    assert.equal(facts.usesAny, false);
    assert.deepEqual(facts.names.filter((name) => globals.has(name)), []);
  });
});
