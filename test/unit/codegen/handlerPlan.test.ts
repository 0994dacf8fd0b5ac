import * as assert from 'node:assert/strict';
import { defaultRootName, generateHandler, planHandler, planTypes } from '../../../src/core';
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

describe('planTypes: every provider\u2019s real delivery formats', () => {
  const form = (fields: Record<string, string>) => Buffer.from(new URLSearchParams(fields).toString());
  const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

  it('Linear: one typed function per event, switching on the payload\u2019s type, with or without the Linear-Event header', () => {
    const issue = { action: 'create', type: 'Issue', data: { id: 'i1', title: 'Bug' }, webhookTimestamp: 1 };
    const comment = { action: 'create', type: 'Comment', data: { id: 'c1', body: 'Hi' }, webhookTimestamp: 2 };
    for (const headers of [(event: string) => ({ 'linear-event': event }), () => ({})]) {
      const plan = planTypes([sample(issue, headers('Issue')), sample(comment, headers('Comment'))], { provider: 'linear' });
      assert.deepEqual(plan.events.map((e) => e.name), ['Issue', 'Comment']);
      assert.deepEqual(plan.eventSource, { kind: 'field', field: 'type' });
      assert.equal(plan.rootTypeName, 'LinearWebhook');
      assert.match(plan.typesSource, /^ {2}type: "Issue";$/m);
    }
    const { spec } = planHandler([sample(issue, { 'linear-event': 'Issue' }), sample(comment, { 'linear-event': 'Comment' })], { framework: 'express', provider: 'linear', routePath: '/hooks/linear' });
    const source = generateHandler(spec).source;
    assert.match(source, /switch \(event\.type\) \{\n {4}case 'Issue':\n {6}return handlers\.onIssue\(event\);\n {4}case 'Comment':\n {6}return handlers\.onComment\(event\);/);
  });

  it('reads forms as each provider sends them, and JSON as JSON', () => {
    const github = planTypes([{ headers: { ...FORM, 'x-github-event': 'push' }, body: form({ payload: JSON.stringify({ ref: 'refs/heads/main', after: 'abc' }) }) }], { provider: 'github' });
    assert.equal(github.used, 1);
    assert.match(github.typesSource, /^ {2}after: string;$/m);
    const slack = planTypes([
      { headers: FORM, body: form({ command: '/weather', text: '94070', user_id: 'U1' }) },
      { headers: FORM, body: form({ payload: JSON.stringify({ type: 'block_actions', actions: [{ action_id: 'a', value: 'v' }] }) }) },
      sample({ type: 'event_callback', event_id: 'Ev1', event: { type: 'app_mention', text: 'hi' } }),
    ], { provider: 'slack' });
    assert.deepEqual(slack.events.map((e) => e.name), ['/weather', 'block_actions', 'app_mention']);
    assert.equal(slack.skipped, 0);
    const twilio = planTypes([
      { headers: FORM, body: form({ MessageSid: 'SM1', Body: 'Hello' }) },
      { headers: { 'content-type': 'application/json' }, body: Buffer.from('{"MessageSid":"SM2","ErrorCode":30003}') },
    ], { provider: 'twilio' });
    assert.equal(twilio.used, 2);
    assert.match(twilio.typesSource, /^ {2}ErrorCode\?: number;$/m, 'the JSON callback was read as JSON, not as a form');
    assert.match(twilio.typesSource, /^ {2}Body\?: string;$/m);
    const notForms = planTypes([{ headers: FORM, body: form({ id: 'evt_1' }) }], { provider: 'stripe' });
    assert.equal(notForms.used, 0, 'Stripe posts no forms');
  });

  it('leaves out the verification requests the handler answers itself (Slack url_verification, Discord PINGs)', () => {
    const slack = planTypes([sample({ type: 'url_verification', challenge: 'c' }), sample({ type: 'event_callback', event_id: 'E', event: { type: 'app_mention' } })], { provider: 'slack' });
    assert.deepEqual(slack.events.map((e) => e.name), ['app_mention']);
    assert.equal(slack.skipped, 1);
    const discord = planTypes([
      sample({ id: '1', token: 't', type: 1 }),
      sample({ version: 1, application_id: 'a', type: 0 }),
      sample({ id: '2', token: 't', type: 2, data: { name: 'hello' } }),
      sample({ version: 1, application_id: 'a', type: 1, event: { type: 'APPLICATION_AUTHORIZED', data: {} } }),
    ], { provider: 'discord' });
    assert.deepEqual(discord.events, [
      { name: 'APPLICATION_COMMAND', typeName: 'ApplicationCommandEvent' },
      { name: 'APPLICATION_AUTHORIZED', typeName: 'ApplicationAuthorizedEvent' },
    ]);
  });

  it('Standard Webhooks: the secret variable of the service the captures show, and names without "WebhooksWebhook"', () => {
    const clerk = sample({ data: { id: 'user_1', object: 'user' }, instance_id: 'ins_1', object: 'event', type: 'user.created' });
    const resend = sample({ type: 'email.sent', created_at: '2024-05-01T10:00:00.000Z', data: { email_id: 'e1' } });
    const svix = sample({ type: 'invoice.paid', data: {} }, { 'user-agent': 'Svix-Webhooks/1.24.0' });
    const plain = sample({ type: 'invoice.paid', data: {} });
    const planned = (s: PayloadSample) => planHandler([s], { framework: 'express', provider: 'standard-webhooks', routePath: '/hooks' });
    assert.deepEqual(generateHandler(planned(clerk).spec).envVars, ['CLERK_WEBHOOK_SIGNING_SECRET']);
    assert.equal(planned(clerk).spec.rootTypeName, 'ClerkWebhook');
    assert.deepEqual(generateHandler(planned(resend).spec).envVars, ['RESEND_WEBHOOK_SECRET']);
    assert.deepEqual(generateHandler(planned(svix).spec).envVars, ['SVIX_WEBHOOK_SECRET']);
    assert.deepEqual(generateHandler(planned(plain).spec).envVars, ['WEBHOOK_SECRET']);
    assert.equal(planned(plain).spec.rootTypeName, 'StandardWebhook');
    assert.match(generateHandler(planned(clerk).spec).source, /^\/\/ Standard Webhooks webhooks \(as Clerk sends them\) for Express/m);
    assert.equal(defaultRootName('GitHub'), 'GitHubWebhook');
    assert.equal(defaultRootName(undefined), 'Webhook');
  });

  it('plans Python: TypedDicts per event, the discriminator a Literal, the same event names', () => {
    const samples = [
      sample({ id: 'evt_1', object: 'event', type: 'customer.created', data: { object: { id: 'cus_1', email: null } } }),
      sample({ id: 'evt_2', object: 'event', type: 'invoice.paid', data: { object: { id: 'in_1', amount_paid: 100 } } }),
    ];
    const plan = planTypes(samples, { provider: 'stripe', language: 'python' });
    assert.deepEqual(plan.events.map((e) => e.typeName), ['CustomerCreatedEvent', 'InvoicePaidEvent']);
    assert.match(plan.typesSource, /^class CustomerCreatedEvent\(TypedDict\):\n {4}id: str\n {4}object: str\n {4}type: Literal\["customer\.created"\]$/m);
    assert.match(plan.typesSource, /^ {4}email: object {2}# only null in the captures$/m);
    assert.match(plan.typesSource, /^StripeWebhook: TypeAlias = CustomerCreatedEvent \| InvoicePaidEvent$/m);
  });
});
