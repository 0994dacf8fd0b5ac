import * as assert from 'node:assert/strict';
import { generateHandler, planHandler, planTypes } from '../../../src/core';
import type { PayloadSample } from '../../../src/core';
import { octokitEvents } from './octokitExamples';
import { samplesFile, typeCheck } from './typeCheck';

function sample(payload: unknown, headers: Record<string, string> = {}): PayloadSample {
  return { headers, body: Buffer.from(JSON.stringify(payload)) };
}

describe('planTypes and planHandler (captures → handler spec)', () => {
  const github = octokitEvents().filter((e) => ['push', 'issues', 'pull_request'].includes(e.name));
  const githubSamples = github.flatMap((e) => e.examples.map((p) => sample(p, { 'x-github-event': e.name })));

  it('groups GitHub captures by X-GitHub-Event into typed branches every sample is assignable to', () => {
    const plan = planTypes(githubSamples, { provider: 'github', rootName: 'GitHubWebhook' });
    assert.deepEqual(plan.events.map((e) => e.name).sort(), ['issues', 'pull_request', 'push']);
    assert.equal(plan.rootTypeName, 'GitHubWebhookPayload');
    assert.deepEqual(plan.eventSource, { kind: 'header', header: 'X-GitHub-Event' });
    const files = github.map((event) => samplesFile(event.name, plan.typesSource, plan.events.find((e) => e.name === event.name)!.typeName, event.examples));
    files.push(samplesFile('root', plan.typesSource, plan.rootTypeName, github.flatMap((e) => e.examples)));
    for (const [name, diagnostics] of typeCheck(files)) assert.deepEqual(diagnostics, [], name);
  });

  it('uses the payload field as the discriminator for Stripe, so a switch narrows it', () => {
    const samples = [
      sample({ id: 'evt_1', object: 'event', type: 'customer.created', data: { object: { id: 'cus_1', email: 'a@b.c' } } }),
      sample({ id: 'evt_2', object: 'event', type: 'invoice.paid', data: { object: { id: 'in_1', amount_paid: 100 } } }),
      sample({ id: 'evt_3', object: 'event', type: 'invoice.paid', data: { object: { id: 'in_2', amount_paid: 5 } } }),
    ];
    const plan = planTypes(samples, { provider: 'stripe', rootName: 'StripeWebhook' });
    assert.equal(plan.rootTypeName, 'StripeWebhook');
    assert.deepEqual(plan.events.map((e) => e.name), ['customer.created', 'invoice.paid']);
    const narrowing = `${plan.typesSource}
export function amount(event: StripeWebhook): number {
  switch (event.type) {
    case 'invoice.paid':
      return event.data.object.amount_paid;
    case 'customer.created':
      return event.data.object.email.length;
  }
}`;
    assert.deepEqual(typeCheck([{ name: 'narrowing', text: narrowing }]).get('narrowing'), []);
  });

  it('falls back to one type for providers that do not name events, and leaves out bodies that are not JSON', () => {
    const plan = planTypes([sample({ order: 1 }), sample({ order: 2, note: 'x' }), { headers: {}, body: Buffer.from('not json') }], { rootName: 'AcmeWebhook' });
    assert.deepEqual(plan.eventSource, { kind: 'none' });
    assert.equal(plan.used, 2);
    assert.equal(plan.skipped, 1);
    assert.match(plan.typesSource, /note\?: string/);
  });

  it('produces a spec generateHandler accepts, with a typed function per event', () => {
    const { spec } = planHandler(githubSamples, { framework: 'express', provider: 'github', routePath: '/webhooks/github', rootName: 'GitHubWebhook' });
    const { source, fileName } = generateHandler(spec);
    assert.equal(fileName, 'github.ts');
    for (const fn of ['onPush', 'onIssues', 'onPullRequest']) assert.match(source, new RegExp(`${fn}\\b`));
    assert.match(source, /x-hub-signature-256/i);
  });
});
