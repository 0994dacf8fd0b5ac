// Real deliveries the happy path does not cover, sent to the generated handlers of every framework:
// Discord's two formats (interactions and Webhook Events) with their PINGs and its deliberately bad
// signatures; GitHub's form encoding; Slack slash commands and interactivity posted as forms on the
// Events API route; Twilio Voice answered with TwiML and Twilio's JSON callbacks; Linear's per-event
// functions; and an Express app that mounted express.json() before the webhook router.
import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import express from 'express';
import type { HandlerFramework, PayloadSample } from '../../src/core';
import { send, type SentResponse } from '../support/httpClient';
import { appId, functionFor, generateFromCaptures, GENERATED, kitApp, type AppHost, type GeneratedApp } from './support/generatedApps';
import type { HandlerProbe } from './support/handlerProbe';
import { discordCommand, discordSign, payloadOf, PROVIDER_KITS, PUBLIC_ORIGIN, slackSign, twilioSign, type Delivery, type ProviderKit } from './support/providerKits';

const JSON_TYPE = { 'content-type': 'application/json' };
const FORM_TYPE = { 'content-type': 'application/x-www-form-urlencoded' };
const TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response></Response>';
const kit = (provider: string) => PROVIDER_KITS.find((k) => k.provider === provider)!;
const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
const capture = (headers: Record<string, string>, body: string): PayloadSample => ({ headers, body: Buffer.from(body) });

const githubPush = (id: string) => ({ ref: 'refs/heads/main', after: id, commits: [{ id, message: 'Form-encoded' }], pusher: { name: 'octocat', email: null }, repository: { id: 1296269, full_name: 'octocat/Hello-World' } });
const slashCommand = (text: string) => form({
  token: 'gIkuvaNzQIHg97ATvDxqgjtO', team_id: 'T0001', team_domain: 'example', channel_id: 'C2147483705', channel_name: 'test',
  user_id: 'U2147483697', user_name: 'Steve', command: '/weather', text, api_app_id: 'A123456', is_enterprise_install: 'false',
  response_url: 'https://hooks.slack.com/commands/1234/5678', trigger_id: '13345224609.738474920.8088930838d88f008e0',
});
const blockActions = (value: string) => ({
  type: 'block_actions', user: { id: 'U2147483697', username: 'steve', name: 'steve', team_id: 'T0001' }, api_app_id: 'A123456', token: 'gIkuvaNzQIHg97ATvDxqgjtO',
  container: { type: 'message', message_ts: '1548261231.000200', channel_id: 'C2147483705', is_ephemeral: false }, trigger_id: '12466734323.1395872398',
  team: { id: 'T0001', domain: 'example' }, channel: { id: 'C2147483705', name: 'test' }, response_url: 'https://hooks.slack.com/actions/T0001/1/2',
  actions: [{ action_id: 'approve', block_id: 'b1', text: { type: 'plain_text', text: 'Approve' }, value, type: 'button', action_ts: '1548261231.8' }],
});
const voiceCall = (sid: string) => form({
  AccountSid: 'AC0123456789abcdef0123456789abcdef', ApiVersion: '2010-04-01', CallSid: sid, CallStatus: 'ringing', Called: '+15558675310',
  Caller: '+14155552345', Direction: 'inbound', From: '+14155552345', FromCity: 'SAN FRANCISCO', FromCountry: 'US', To: '+15558675310', ToCountry: 'US',
});

/** Handlers generated from captures a real route collects: forms only (GitHub), three formats on one route (Slack), Voice calls (Twilio). */
export const SCENARIO_APPS: readonly GeneratedApp[] = [
  {
    name: 'scenario-github-form',
    provider: 'github',
    routePath: '/scenarios/github-form',
    captures: [
      capture({ ...FORM_TYPE, 'x-github-event': 'push' }, form({ payload: JSON.stringify(githubPush('c1')) })),
      capture({ ...FORM_TYPE, 'x-github-event': 'issues' }, form({ payload: JSON.stringify({ action: 'opened', issue: { number: 1, title: 'Bug' } }) })),
    ],
  },
  {
    name: 'scenario-slack',
    provider: 'slack',
    routePath: '/scenarios/slack',
    captures: [
      capture(FORM_TYPE, slashCommand('94070')),
      capture(FORM_TYPE, form({ payload: JSON.stringify(blockActions('approve')) })),
      capture(JSON_TYPE, JSON.stringify({ token: 't', team_id: 'T0001', api_app_id: 'A123456', type: 'event_callback', event_id: 'Ev1', event_time: 1, event: { type: 'app_mention', user: 'U1', text: 'hi', ts: '1.0', channel: 'C1' } })),
    ],
  },
  {
    name: 'scenario-twilio-voice',
    provider: 'twilio',
    routePath: '/scenarios/twilio-voice',
    captures: [capture(FORM_TYPE, voiceCall('CA0001')), capture(FORM_TYPE, voiceCall('CA0002'))],
  },
];
const scenario = (name: string) => SCENARIO_APPS.find((app) => app.name === name)!;

export function realDeliveries(framework: HandlerFramework, host: () => AppHost, probe: HandlerProbe): void {
  const python = framework === 'flask' || framework === 'fastapi';
  let sent = 0;
  const unique = () => `${framework.replace(/\W/g, '')}${++sent}${Date.now() % 100000}`;
  const post = (app: GeneratedApp, delivery: Delivery): Promise<SentResponse> =>
    send(`${host().baseUrl(appId(framework, app))}${app.routePath}${delivery.query ?? ''}`, { headers: delivery.headers, body: delivery.body });
  const json = (answer: SentResponse) => JSON.parse(answer.body.toString('utf8')) as unknown;
  const fnOf = (app: GeneratedApp, event: string | undefined) => functionFor(generateFromCaptures(app, framework).spec, event, python);

  /** After a delivery that must run nothing: the kit's next valid delivery is the app's next call. */
  async function nothingRanSince(providerKit: ProviderKit, before: number): Promise<void> {
    const app = kitApp(providerKit);
    const sentinel = await providerKit.sign(providerKit.known(unique()), PUBLIC_ORIGIN + app.routePath, Date.now());
    await post(app, sentinel);
    assert.deepEqual((await probe.nthCall(appId(framework, app), before)).event, payloadOf(sentinel));
  }

  describe('Discord', () => {
    const discord = kit('discord');
    const app = kitApp(discord);
    const id = appId(framework, app);

    it('interactions: a PING (type 1) is answered 200 {"type":1}, and nothing runs', async () => {
      const before = probe.count(id);
      const ping = { app_permissions: '0', application_id: '1234567890123456789', id: unique(), token: 'aW50ZXJhY3Rpb24', type: 1, version: 1, user: { id: '444' } };
      const answer = await post(app, discordSign({ headers: JSON_TYPE, body: JSON.stringify(ping) }, Date.now()));
      assert.equal(answer.status, 200);
      assert.deepEqual(json(answer), { type: 1 });
      await nothingRanSince(discord, before);
    });

    it('interactions: a deliberately wrong signature, as Discord sends to test the endpoint, gets 401', async () => {
      const before = probe.count(id);
      const signed = discordSign({ headers: JSON_TYPE, body: JSON.stringify(discordCommand(unique())) }, Date.now());
      const flipped = signed.headers['x-signature-ed25519'].replace(/^./, (c) => (c === '0' ? '1' : '0'));
      assert.equal((await post(app, { ...signed, headers: { ...signed.headers, 'x-signature-ed25519': flipped } })).status, 401);
      await nothingRanSince(discord, before);
    });

    it('Webhook Events: a PING (type 0) is answered 204 with no body, and nothing runs', async () => {
      const before = probe.count(id);
      const answer = await post(app, discordSign({ headers: JSON_TYPE, body: JSON.stringify({ version: 1, application_id: '1234567890123456789', type: 0 }) }, Date.now()));
      assert.equal(answer.status, 204);
      assert.equal(answer.body.length, 0);
      await nothingRanSince(discord, before);
    });

    it('Webhook Events: APPLICATION_AUTHORIZED is answered 204 and reaches its own function', async () => {
      const before = probe.count(id);
      const event = { version: 1, application_id: '1234567890123456789', type: 1, event: { type: 'APPLICATION_AUTHORIZED', timestamp: '2024-10-18T14:42:53.064834', data: { integration_type: 0, scopes: ['applications.commands'], user: { id: unique(), username: 'ada' } } } };
      const answer = await post(app, discordSign({ headers: JSON_TYPE, body: JSON.stringify(event) }, Date.now()));
      assert.equal(answer.status, 204);
      assert.equal(answer.body.length, 0);
      const call = await probe.nthCall(id, before);
      assert.equal(call.fn, fnOf(app, 'APPLICATION_AUTHORIZED'));
      assert.deepEqual(call.event, event);
    });
  });

  describe('GitHub form encoding (payload=<json>, signed over the form body)', () => {
    const github = kit('github');

    it('reaches onPush with the JSON on a route whose captures were JSON', async () => {
      const app = kitApp(github);
      const before = probe.count(appId(framework, app));
      const push = githubPush(unique());
      const delivery = await github.sign({ headers: { ...FORM_TYPE, 'x-github-event': 'push', 'x-github-delivery': unique() }, body: form({ payload: JSON.stringify(push) }) }, '', Date.now());
      const answer = await post(app, delivery);
      assert.equal(answer.status, 200, answer.body.toString());
      assert.deepEqual(json(answer), { received: true });
      const call = await probe.nthCall(appId(framework, app), before);
      assert.equal(call.fn, fnOf(app, 'push'));
      assert.deepEqual(call.event, push);
    });

    it('captures that are all forms give typed functions too, and a form without its payload field is 400', async () => {
      const app = scenario('scenario-github-form');
      const { spec } = generateFromCaptures(app, framework);
      assert.deepEqual(spec.events.map((e) => e.name).sort(), ['issues', 'push']);
      const before = probe.count(appId(framework, app));
      const push = githubPush(unique());
      const delivery = await github.sign({ headers: { ...FORM_TYPE, 'x-github-event': 'push', 'x-github-delivery': unique() }, body: form({ payload: JSON.stringify(push) }) }, '', Date.now());
      assert.equal((await post(app, delivery)).status, 200);
      const call = await probe.nthCall(appId(framework, app), before);
      assert.equal(call.fn, fnOf(app, 'push'));
      assert.deepEqual(call.event, push);
      const noPayload = await github.sign({ headers: { ...FORM_TYPE, 'x-github-event': 'push', 'x-github-delivery': unique() }, body: form({ other: '1' }) }, '', Date.now());
      assert.equal((await post(app, noPayload)).status, 400);
    });
  });

  describe('Slack: slash commands, interactivity and events on one route', () => {
    const app = scenario('scenario-slack');
    const id = appId(framework, app);

    it('a slash command: its form fields reach the command\'s function, answered 200 with an empty body', async () => {
      const before = probe.count(id);
      const body = slashCommand(unique());
      const answer = await post(app, slackSign({ headers: FORM_TYPE, body }, Date.now()));
      assert.equal(answer.status, 200, answer.body.toString());
      assert.equal(answer.body.length, 0, 'Slack shows any body to the user');
      const call = await probe.nthCall(id, before);
      assert.equal(call.fn, fnOf(app, '/weather'));
      assert.deepEqual(call.event, Object.fromEntries(new URLSearchParams(body)));
    });

    it('interactivity: the JSON in payload= reaches onBlockActions, answered 200 with an empty body', async () => {
      const before = probe.count(id);
      const action = blockActions(unique());
      const answer = await post(app, slackSign({ headers: FORM_TYPE, body: form({ payload: JSON.stringify(action) }) }, Date.now()));
      assert.equal(answer.status, 200);
      assert.equal(answer.body.length, 0);
      const call = await probe.nthCall(id, before);
      assert.equal(call.fn, fnOf(app, 'block_actions'));
      assert.deepEqual(call.event, action);
    });

    it('an Events API delivery on the same route: JSON, answered {"received":true}', async () => {
      const before = probe.count(id);
      const event = { token: 't', team_id: 'T0001', api_app_id: 'A123456', type: 'event_callback', event_id: unique(), event_time: 2, event: { type: 'app_mention', user: 'U1', text: 'again', ts: '2.0', channel: 'C1' } };
      const answer = await post(app, slackSign({ headers: JSON_TYPE, body: JSON.stringify(event) }, Date.now()));
      assert.deepEqual(json(answer), { received: true });
      assert.equal((await probe.nthCall(id, before)).fn, fnOf(app, 'app_mention'));
    });

    it('url_verification: the challenge is echoed, and no function runs', async () => {
      const before = probe.count(id);
      const challenge = `3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P${unique()}`;
      const answer = await post(app, slackSign({ headers: JSON_TYPE, body: JSON.stringify({ token: 'Jhj5dZrVaK7ZwHHjRyZWjbDl', challenge, type: 'url_verification' }) }, Date.now()));
      assert.equal(answer.status, 200);
      assert.deepEqual(json(answer), { challenge });
      assert.equal(probe.count(id), before);
    });
  });

  describe('Twilio', () => {
    it('Voice: a call\'s form parameters reach onDelivery, answered with TwiML (text/xml), not JSON', async () => {
      const app = scenario('scenario-twilio-voice');
      const before = probe.count(appId(framework, app));
      const body = voiceCall(`CA${unique()}`);
      const answer = await post(app, twilioSign({ headers: { ...FORM_TYPE, 'i-twilio-idempotency-token': unique() }, body }, PUBLIC_ORIGIN + app.routePath));
      assert.equal(answer.status, 200);
      assert.match(String(answer.headers['content-type']), /^text\/xml/);
      assert.equal(answer.body.toString(), TWIML);
      assert.deepEqual((await probe.nthCall(appId(framework, app), before)).event, Object.fromEntries(new URLSearchParams(body)));
    });

    it('a JSON callback (bodySHA256 in the URL) is parsed as JSON, not as a form, and answered JSON', async () => {
      const app = kitApp(kit('twilio'));
      const before = probe.count(appId(framework, app));
      const status = { MessageSid: `SM${unique()}`, MessageStatus: 'delivered', To: '+15558675310', ErrorCode: null };
      const answer = await post(app, twilioSign({ headers: { ...JSON_TYPE, 'i-twilio-idempotency-token': unique() }, body: JSON.stringify(status) }, PUBLIC_ORIGIN + app.routePath));
      assert.equal(answer.status, 200, answer.body.toString());
      assert.deepEqual(json(answer), { received: true });
      assert.deepEqual((await probe.nthCall(appId(framework, app), before)).event, status);
    });
  });

  it('Linear: each event has its own function; a Comment reaches onComment', async () => {
    const linear = kit('linear');
    const app = kitApp(linear);
    const before = probe.count(appId(framework, app));
    const comment = { action: 'create', actor: { id: 'usr_1', type: 'user', name: 'Ada' }, createdAt: '2024-05-01T10:00:00.000Z', data: { id: `cmt_${unique()}`, body: 'Looks good', issueId: 'iss_1' }, url: 'https://linear.app/acme/issue/ENG-1#comment', type: 'Comment', organizationId: 'org_1', webhookTimestamp: 0, webhookId: 'wh_1' };
    const signed = await linear.sign({ headers: { ...JSON_TYPE, 'linear-event': 'Comment', 'linear-delivery': unique() }, body: JSON.stringify(comment) }, '', Date.now());
    assert.equal((await post(app, signed)).status, 200);
    const call = await probe.nthCall(appId(framework, app), before);
    assert.equal(call.fn, fnOf(app, 'Comment'));
    assert.notEqual(call.fn, fnOf(app, 'Issue'));
    assert.deepEqual(call.event, payloadOf(signed));
  });

  if (framework === 'express') {
    it('express.json() mounted before the router: a clear 500 naming the mistake, not a silent 401', async () => {
      const github = kit('github');
      // The module the contract serves; its router mounted in an app that parses JSON first, as people do.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const mod = require(path.join(GENERATED, 'contract', 'express', 'github.js')) as { createWebhookRouter(): express.Router };
      const wrongOrder = express();
      wrongOrder.use(express.json());
      wrongOrder.use(mod.createWebhookRouter());
      const server = http.createServer(wrongOrder).listen(0, '127.0.0.1');
      await new Promise((resolve) => server.once('listening', resolve));
      try {
        const delivery = await github.sign(github.known(unique()), '', Date.now());
        const answer = await send(`http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks/github`, { headers: delivery.headers, body: delivery.body });
        assert.equal(answer.status, 500);
        assert.match(answer.body.toString(), /already parsed.*raw bytes/);
        await host().logged(/mount the router before express\.json\(\)/);
      } finally {
        await new Promise((resolve) => server.close(resolve));
      }
    });
  }
}
