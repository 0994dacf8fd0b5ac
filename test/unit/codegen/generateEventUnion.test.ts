import * as assert from 'node:assert/strict';
import { generateEventUnion } from '../../../src/core';
import { declarationFacts, samplesFile, typeCheck } from './typeCheck';

function stripeEvent(type: string, object: Record<string, unknown>, created: number): Record<string, unknown> {
  return { id: `evt_${created}`, object: 'event', api_version: '2024-06-20', created, type, livemode: false, data: { object } };
}

const stripeSamples = new Map<string, unknown[]>([
  ['customer.created', [
    stripeEvent('customer.created', { id: 'cus_1', object: 'customer', email: 'a@example.com', metadata: {} }, 1),
    stripeEvent('customer.created', { id: 'cus_2', object: 'customer', email: null, metadata: { plan: 'pro' } }, 2),
  ]],
  ['invoice.paid', [
    stripeEvent('invoice.paid', { id: 'in_1', object: 'invoice', amount_paid: 1200, lines: { data: [{ id: 'il_1', amount: 1200 }] } }, 3),
  ]],
]);

const githubSamples = new Map<string, unknown[]>([
  ['push', [{ ref: 'refs/heads/main', commits: [{ id: 'a', message: 'm' }], repository: { id: 1, name: 'r', pushed_at: 1 } }]],
  ['pull_request', [
    { action: 'opened', number: 1, pull_request: { id: 2, title: 't' }, repository: { id: 1, name: 'r', pushed_at: '2024' } },
    { action: 'closed', number: 1, pull_request: { id: 2, title: 't', merged: true }, repository: { id: 1, name: 'r' } },
  ]],
  ['message', [{ text: 'a name that clashes with the DOM MessageEvent' }]],
]);

describe('generateEventUnion', () => {
  it('unions payload types by a discriminator field, and a switch on it narrows each branch', () => {
    const types = generateEventUnion(stripeSamples, { rootName: 'StripeWebhook', discriminator: 'type' });
    assert.match(types, /^export type StripeWebhook =\n {2}\| CustomerCreatedEvent\n {2}\| InvoicePaidEvent;$/m);
    assert.match(types, /^export interface CustomerCreatedEvent \{\n(.*\n)* {2}type: "customer\.created";$/m);
    assert.match(types, /^export interface InvoicePaidEvent \{\n(.*\n)* {2}type: "invoice\.paid";$/m);
    const usage = [
      'export function describe(event: StripeWebhook): string {',
      '  switch (event.type) {',
      '    case "customer.created": return event.data.object.email ?? event.data.object.id;',
      '    case "invoice.paid": return `${event.data.object.amount_paid} ${event.data.object.lines.data[0].amount}`;',
      '    default: { const unreachable: never = event; return unreachable; }',
      '  }',
      '}',
    ].join('\n');
    const samples = [...stripeSamples.values()].flat();
    const diagnostics = typeCheck([{ name: 'stripe', text: `${samplesFile('', types, 'StripeWebhook', samples).text}\n${usage}\n` }]);
    assert.deepEqual(diagnostics.get('stripe'), [], types);
    assert.equal(declarationFacts(types).usesAny, false);
  });

  it('wraps header-keyed events as { event, payload }, narrowing on `event` and sharing common types', () => {
    const types = generateEventUnion(githubSamples, { rootName: 'GitHubWebhook' });
    assert.match(types, /^export type GitHubWebhook =\n {2}\| \{ event: "push"; payload: PushEvent \}\n {2}\| \{ event: "pull_request"; payload: PullRequestEvent \}\n {2}\| \{ event: "message"; payload: GitHubWebhookMessageEvent \};$/m);
    assert.equal(types.match(/^export interface Repository \{/gm)?.length, 1, types);
    assert.match(types, /^ {2}pushed_at\?: string \| number;$/m);
    assert.match(types, /^ {2}action: "closed" \| "opened";$/m);
    const usage = [
      'export function describe(delivery: GitHubWebhook): string {',
      '  switch (delivery.event) {',
      '    case "push": return delivery.payload.commits.map((commit) => commit.message).join();',
      '    case "pull_request": return delivery.payload.action === "opened" ? delivery.payload.pull_request.title : "";',
      '    case "message": return delivery.payload.text;',
      '    default: { const unreachable: never = delivery; return unreachable; }',
      '  }',
      '}',
    ].join('\n');
    const deliveries = [...githubSamples].flatMap(([event, payloads]) => payloads.map((payload) => ({ event, payload })));
    const diagnostics = typeCheck([{ name: 'github', text: `${samplesFile('', types, 'GitHubWebhook', deliveries).text}\n${usage}\n` }]);
    assert.deepEqual(diagnostics.get('github'), [], types);
  });

  it('keeps payload types of different events apart when their nested shapes differ', () => {
    const types = generateEventUnion(stripeSamples, { rootName: 'StripeWebhook', discriminator: 'type' });
    assert.doesNotMatch(types, /amount_paid\?|email\?/, types);
  });

  it('declares an empty union as never', () => {
    assert.equal(generateEventUnion(new Map(), { rootName: 'NoEvents' }), 'export type NoEvents = never;\n');
  });
});
