import * as assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import * as vscode from 'vscode';
import type { EndpointCheckReport, TestDelivery } from '../../src/core';
import { findProvider, headerMap, verifySignature } from '../../src/core';
import type { TestEventOutcome } from '../../src/host/testEvents/testEventCommands';
import { startEndpoint, type RunningEndpoint } from '../support/endpoints/startEndpoint';
import { send } from '../support/httpClient';
import { startRecordingTarget, type RecordingTarget } from '../support/recordingTarget';
import { captureNodes, eventually, startFresh, workbenchApi } from './workbenchApi';

const GITHUB_SECRET = 'it-github-secret';
const STRIPE_SECRET = 'whsec_it_stripe';
const SLACK_SECRET = 'it-slack-signing-secret';
const config = () => vscode.workspace.getConfiguration('webhookWorkbench');

/** A target that checks GitHub signatures over the raw body, as a real consumer does. */
function githubApp(): Promise<RecordingTarget> {
  return startRecordingTarget((req) => {
    const expected = `sha256=${createHmac('sha256', GITHUB_SECRET).update(req.body).digest('hex')}`;
    const ok = req.headers['x-hub-signature-256'] === expected;
    return { status: ok ? 202 : 401, headers: { 'content-type': 'application/json', 'x-app': 'yes' }, body: ok ? '{"queued":true}' : '{"error":"bad signature"}' };
  });
}

describe('Send Test Event, Replay as Provider Retry and the endpoint check in VS Code', function () {
  this.timeout(120_000);
  let app: RecordingTarget;
  let listenerUrl: string;
  const endpoints: RunningEndpoint[] = [];

  before(async () => {
    const api = await workbenchApi();
    app = await githubApp();
    await api.secrets.set({ provider: 'github' }, GITHUB_SECRET);
    await api.secrets.set({ provider: 'stripe' }, STRIPE_SECRET);
    await api.secrets.set({ provider: 'slack' }, SLACK_SECRET);
    listenerUrl = await startFresh();
  });

  after(async () => {
    const api = await workbenchApi();
    for (const provider of ['github', 'stripe', 'slack']) await api.secrets.clear({ provider });
    await config().update('endpointCheck.endpoints', undefined, vscode.ConfigurationTarget.Workspace);
    await config().update('endpointCheck.endpoints', undefined, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('webhookWorkbench.stopListener');
    await Promise.all(endpoints.map((e) => e.close()));
    await app.close();
  });

  it('sends a signed sample event to the app, records it with the answer, and shows it like a forward result', async () => {
    const api = await workbenchApi();
    const outcome = await vscode.commands.executeCommand<TestEventOutcome>('webhookWorkbench.sendTestEvent', undefined, undefined, { provider: 'github', event: 'push', target: `${app.url}/webhooks/github` });
    assert.ok(outcome, 'the command returns what happened');
    assert.equal(outcome.result.ok && outcome.result.status, 202, 'the app verified the signature');
    assert.equal(outcome.verdict.delivered, true);
    const received = app.received[app.received.length - 1];
    assert.equal(received.headers['x-github-event'], 'push');
    assert.equal(received.headers['x-github-delivery'], outcome.delivery.deliveryId);
    const node = await eventually(() => captureNodes(api.captureTree).find((n) => n.summary.id === outcome.captureId), 'the recorded test event');
    assert.equal(node.summary.event, 'push');
    assert.equal(node.summary.forward?.ok && node.summary.forward.status, 202);
    assert.match(String((await api.captureTree.getTreeItem(node)).description), /→ 202 · \d+ ms/);
    const stored = await api.store.readForwardResult(node.summary.id);
    assert.ok(stored?.ok && stored.bodyExcerpt === '{"queued":true}' && stored.headers.some(([n, v]) => n === 'x-app' && v === 'yes'), 'status, headers and body of the answer are kept');
    assert.equal((await api.signatures.verdictFor(node.summary.id))?.status, 'valid', 'its badge says valid with the same secret');
  });

  it('sends to the listener, which captures the test event itself', async () => {
    const api = await workbenchApi();
    const before = api.store.size;
    const outcome = await vscode.commands.executeCommand<TestEventOutcome>('webhookWorkbench.sendTestEvent', undefined, undefined, { provider: 'stripe', event: 'invoice.paid', target: `${listenerUrl}/stripe/test`, deliveryId: 'evt_it_chosen' });
    assert.equal(outcome?.captureId, undefined, 'not recorded twice');
    const node = await eventually(() => captureNodes(api.captureTree).find((n) => n.summary.url === '/stripe/test'), 'the listener\u2019s capture');
    assert.equal(api.store.size, before + 1);
    assert.equal(node.summary.deliveryId, 'evt_it_chosen', 'the chosen delivery id');
    assert.equal((await api.signatures.verdictFor(node.summary.id))?.status, 'valid');
  });

  it('sends a capture again with a fresh signature and records the answer on that capture', async () => {
    const api = await workbenchApi();
    const body = JSON.stringify({ action: 'opened', issue: { number: 9 } });
    await send(`${listenerUrl}/hooks/captured`, { headers: { 'content-type': 'application/json', 'x-github-event': 'issues', 'x-github-delivery': 'old-delivery', 'x-hub-signature-256': 'sha256=' + '0'.repeat(64) }, body });
    const node = await eventually(() => captureNodes(api.captureTree).find((n) => n.summary.url === '/hooks/captured'), 'the capture');
    const outcome = await vscode.commands.executeCommand<TestEventOutcome>('webhookWorkbench.sendTestEvent', node, undefined, { target: `${app.url}/webhooks/github`, deliveryId: 'keep' });
    assert.equal(outcome?.captureId, node.summary.id);
    assert.equal(outcome?.result.ok && outcome.result.status, 202, 'signed afresh, so the app accepts it');
    assert.equal(app.received[app.received.length - 1].headers['x-github-delivery'], 'old-delivery');
    assert.deepEqual(app.received[app.received.length - 1].body, Buffer.from(body));
    await eventually(() => api.store.get(node.summary.id)?.forward, 'the answer on the capture');
  });

  it('signs Discord test events with a local test key whose public half verifies them', async () => {
    const api = await workbenchApi();
    const discordApp = await startRecordingTarget(() => ({ status: 204 }));
    try {
      const outcome = await vscode.commands.executeCommand<TestEventOutcome>('webhookWorkbench.sendTestEvent', undefined, undefined, { provider: 'discord', target: `${discordApp.url}/interactions` });
      assert.ok(outcome);
      const received = discordApp.received[0];
      const publicKey = (await api.signingKeys.testPublicKey(findProvider('discord')!))!;
      assert.match(publicKey, /^[0-9a-f]{64}$/);
      const raw = { method: 'POST', url: received.url, headers: headerMap(received.rawHeaders), body: received.body };
      assert.equal(verifySignature(raw, publicKey, { provider: 'discord' }).status, 'valid');
      assert.ok(api.store.get(outcome.captureId!), 'recorded');
    } finally {
      await discordApp.close();
    }
  });

  it('replays a Slack capture as Slack retries it, and says what Slack would do with the answer', async () => {
    const api = await workbenchApi();
    const failing = await startRecordingTarget(() => ({ status: 500, body: 'boom' }));
    try {
      const capture = await vscode.commands.executeCommand<TestEventOutcome>('webhookWorkbench.sendTestEvent', undefined, undefined, { provider: 'slack', event: 'app_mention', target: `${listenerUrl}/slack/events` });
      const node = await eventually(() => captureNodes(api.captureTree).find((n) => n.summary.url === '/slack/events' && n.summary.deliveryId === capture?.delivery.deliveryId), 'the Slack capture');
      const retry = await vscode.commands.executeCommand<TestEventOutcome & { retry: TestDelivery & { attempt: number } }>('webhookWorkbench.replayAsProviderRetry', node, undefined, { target: `${failing.url}/slack` });
      assert.ok(retry);
      const received = failing.received[0];
      assert.equal(received.headers['x-slack-retry-num'], '1');
      assert.equal(received.headers['x-slack-retry-reason'], 'http_error');
      assert.equal(JSON.parse(received.body.toString()).event_id, capture?.delivery.deliveryId, 'the same event_id');
      assert.equal(retry.verdict.delivered, false);
      assert.match(retry.verdict.consequences.join(' '), /Slack retries it: up to 3 retries/);
      await eventually(() => api.store.get(node.summary.id)?.forward?.ok === true, 'the answer on the capture');
    } finally {
      await failing.close();
    }
  });

  it('Run Endpoint Check adds the endpoint to the settings and the Testing view, then passes a correct handler and fails a broken one', async () => {
    const api = await workbenchApi();
    const good = await startEndpoint({ kind: 'reference', config: { provider: 'stripe', secret: STRIPE_SECRET, maxBodyBytes: 65536, flaws: [] } });
    const broken = await startEndpoint({ kind: 'reference', config: { provider: 'stripe', secret: STRIPE_SECRET, maxBodyBytes: 65536, flaws: ['no-timestamp-check'] } });
    endpoints.push(good, broken);
    const passed = await vscode.commands.executeCommand<EndpointCheckReport>('webhookWorkbench.runEndpointCheck', undefined, undefined, { url: `${good.origin}/webhooks/stripe`, provider: 'stripe' });
    assert.equal(passed?.outcome, 'pass', passed?.results.map((r) => `${r.number} ${r.status} ${r.summary}`).join('\n'));
    const failed = await vscode.commands.executeCommand<EndpointCheckReport>('webhookWorkbench.runEndpointCheck', undefined, undefined, { url: `${broken.origin}/webhooks/stripe`, provider: 'stripe' });
    assert.equal(failed?.outcome, 'fail');
    assert.deepEqual(failed?.results.filter((r) => r.status === 'fail').map((r) => r.id), ['stale-timestamps']);
    const saved = config().get<Array<{ url: string; provider: string }>>('endpointCheck.endpoints', []);
    assert.deepEqual(saved.map((e) => e.url), [`${good.origin}/webhooks/stripe`, `${broken.origin}/webhooks/stripe`]);
    const item = await api.endpointChecks.itemFor({ url: `${broken.origin}/webhooks/stripe`, provider: 'stripe' });
    assert.equal(item?.children.size, 9, 'each practice a child of the endpoint');
  });

  it('reports a missing secret as an error of the run rather than failing practices', async () => {
    const api = await workbenchApi();
    const endpoint = await startEndpoint({ kind: 'reference', config: { provider: 'paddle', secret: 'pdl_ntfset_x', maxBodyBytes: 65536, flaws: [] } });
    endpoints.push(endpoint);
    await config().update('endpointCheck.endpoints', [{ url: `${endpoint.origin}/paddle`, provider: 'paddle' }], vscode.ConfigurationTarget.Workspace);
    await api.endpointChecks.reload();
    const item = await api.endpointChecks.itemFor({ url: `${endpoint.origin}/paddle`, provider: 'paddle' });
    assert.ok(item);
    const reports = await api.endpointChecks.runItems([item]);
    assert.deepEqual(reports, [], 'nothing was sent without a secret');
  });
});
