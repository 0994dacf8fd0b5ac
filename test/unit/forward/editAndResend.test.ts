import * as assert from 'node:assert/strict';
import { createHmac, timingSafeEqual } from 'node:crypto';
import Stripe from 'stripe';
import { Webhook } from 'standardwebhooks';
import { CaptureStore, parseHttpRequest, replayCapture, resendRequest, resignRequest, toHttpFile } from '../../../src/core';
import { delivery } from '../../support/deliveries';
import { startRecordingTarget, type RecordingTarget, type ReceivedRequest } from '../../support/recordingTarget';
import { useTempFolder } from '../../support/tempFolder';
import { importEsm } from '../signatures/webhookRequests';

interface OctokitWebhooksMethods {
  sign(secret: string, payload: string): Promise<string>;
  verify(secret: string, payload: string, signature: string): Promise<boolean>;
}

const GITHUB_SECRET = 'gh-secret';
const STRIPE_SECRET = 'whsec_stripe_resend';
const WHSEC = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const SLACK_SECRET = 'slack-signing-secret';

describe('replay and edit-and-resend, verified by the official SDKs at the target', () => {
  const folder = useTempFolder();
  let octokit: OctokitWebhooksMethods;
  let target: RecordingTarget;
  const verdicts: string[] = [];

  /** The target checks each provider the way its SDK (or, for Slack, its documentation) says. */
  async function check(req: ReceivedRequest): Promise<boolean> {
    const text = req.body.toString('utf8');
    const h = req.headers as Record<string, string>;
    try {
      if (h['x-hub-signature-256']) return await octokit.verify(GITHUB_SECRET, text, h['x-hub-signature-256']);
      if (h['stripe-signature']) return Boolean(new Stripe('sk_test_x').webhooks.constructEvent(req.body, h['stripe-signature'], STRIPE_SECRET));
      if (h['webhook-signature']) return Boolean(new Webhook(WHSEC).verify(text, h));
      if (h['x-slack-signature']) {
        const ts = h['x-slack-request-timestamp'];
        if (Math.abs(Date.now() / 1000 - Number(ts)) > 300) return false;
        const mine = Buffer.from(`v0=${createHmac('sha256', SLACK_SECRET).update(`v0:${ts}:${text}`).digest('hex')}`);
        const theirs = Buffer.from(h['x-slack-signature']);
        return mine.length === theirs.length && timingSafeEqual(mine, theirs);
      }
    } catch {
      return false;
    }
    return false;
  }

  before(async () => {
    octokit = await importEsm<OctokitWebhooksMethods>('@octokit/webhooks-methods');
  });
  beforeEach(async () => {
    verdicts.length = 0;
    target = await startRecordingTarget(async (req) => {
      const ok = await check(req);
      verdicts.push(ok ? 'valid' : 'invalid');
      return { status: ok ? 200 : 401, body: ok ? 'verified' : 'rejected' };
    });
  });
  afterEach(() => target.close());

  it('replays a stored GitHub capture and attaches the result', async () => {
    const store = await CaptureStore.open({ folder: folder(), retention: 10 });
    const body = '{"action":"opened","number":7}';
    const stored = await store.append(delivery({ url: '/hooks/github?x=1', body: Buffer.from(body), rawHeaders: ['Host', 't.example', 'X-GitHub-Event', 'pull_request', 'X-Hub-Signature-256', await octokit.sign(GITHUB_SECRET, body)] }));
    const capture = (await store.read(stored.id))!;
    const result = await replayCapture(capture, `${target.url}/api/github`);
    assert.equal(result.ok && result.status, 200);
    assert.equal(target.received[0].url, '/api/github?x=1');
    await store.attachForwardResult(stored.id, result);
    assert.equal(store.get(stored.id)?.forward?.ok, true);
    await store.close();
  });

  const cases: Array<{ provider: string; secret: string; headers: (body: string) => Promise<string[]> | string[] }> = [
    { provider: 'github', secret: GITHUB_SECRET, headers: async (b) => ['X-GitHub-Event', 'push', 'X-Hub-Signature-256', await octokit.sign(GITHUB_SECRET, b)] },
    { provider: 'stripe', secret: STRIPE_SECRET, headers: () => ['Stripe-Signature', 't=1600000000,v1=' + '0'.repeat(64)] },
    { provider: 'standard-webhooks', secret: WHSEC, headers: () => ['webhook-id', 'msg_1', 'webhook-timestamp', '1600000000', 'webhook-signature', 'v1,' + Buffer.alloc(32).toString('base64')] },
    { provider: 'slack', secret: SLACK_SECRET, headers: () => ['X-Slack-Request-Timestamp', '1600000000', 'X-Slack-Signature', 'v0=' + '0'.repeat(64)] },
  ];
  for (const { provider, secret, headers } of cases) {
    it(`${provider}: .http → edited body → re-signed → forwarded → the target accepts it, and rejects the unsigned edit`, async () => {
      const original = '{"id":"evt_1","type":"invoice.paid","amount":100}';
      const capture = { id: '0000000042', method: 'POST', url: `/hooks/${provider}`, rawHeaders: ['Host', 't.example', ...(await headers(original)), 'Content-Type', 'application/json'], body: Buffer.from(original) };
      const parsed = parseHttpRequest(toHttpFile([capture], target.url).text);
      const edited = { ...parsed, body: Buffer.from(Buffer.from(parsed.body).toString().replace('100', '250')) };
      const unsigned = await resendRequest(edited);
      const resigned = resignRequest(edited, provider, secret);
      const result = await resendRequest({ ...edited, rawHeaders: resigned.rawHeaders, body: resigned.body });
      assert.deepEqual(verdicts, ['invalid', 'valid']);
      assert.equal(!unsigned.ok || unsigned.status, 401);
      assert.equal(result.ok && result.bodyExcerpt, 'verified');
      assert.equal(target.received[1].url, `/hooks/${provider}`);
      assert.match(target.received[1].body.toString(), /"amount":250/);
    });
  }
});
