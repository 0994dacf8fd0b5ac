import * as assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { DEFAULT_RESPONSE } from '../../../src/core';
import type { ReceiverOptions } from '../../../src/core';
import { send } from '../../support/httpClient';
import type { SentResponse } from '../../support/httpClient';
import { useReceiver } from '../../support/receiverFixture';
import { recordingLogger } from '../../support/recordingLogger';

// Request shapes as the providers' docs show them.
const SLACK_CHALLENGE = '3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P';
const slackBody = JSON.stringify({ token: 'Jhj5dZrVaK7ZwHHjRyZWjbDl', challenge: SLACK_CHALLENGE, type: 'url_verification' });
const TWITCH_CHALLENGE = 'pogchamp-kappa-360noscope-vohiyo';
const twitchBody = JSON.stringify({
  challenge: TWITCH_CHALLENGE,
  subscription: { id: 'f1c2a387-161a-49f9-a165-0f21d7a4e1c4', status: 'webhook_callback_verification_pending', type: 'channel.follow', version: '2' },
});
const twitchHeaders = {
  'content-type': 'application/json',
  'Twitch-Eventsub-Message-Id': 'e76c6bd4-55c9-4987-8304-da1588d8988b',
  'Twitch-Eventsub-Message-Type': 'webhook_callback_verification',
  'Twitch-Eventsub-Subscription-Type': 'channel.follow',
};
const ZOOM_PLAIN_TOKEN = 'qgg8vlvZRS6UYooatFL8Aw';
const zoomBody = JSON.stringify({ payload: { plainToken: ZOOM_PLAIN_TOKEN }, event_ts: 1654503849680, event: 'endpoint.url_validation' });
const ZOOM_SECRET = 'zoom-secret-token-for-tests';
const metaQuery = (token: string) => `?hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token=${encodeURIComponent(token)}`;

const json = { 'content-type': 'application/json' };

describe('verification handshakes', () => {
  const fixture = useReceiver();

  const sendSlack = (base: string) => send(`${base}/slack/events`, { body: slackBody, headers: json });
  const sendTwitch = (base: string) => send(`${base}/twitch`, { body: twitchBody, headers: twitchHeaders });
  const sendZoom = (base: string) => send(`${base}/zoom`, { body: zoomBody, headers: json });
  const sendMeta = (base: string, token = 'my-token') => send(`${base}/meta${metaQuery(token)}`, { method: 'GET' });

  function assertPlainText(res: SentResponse, status: number, body: string): void {
    assert.equal(res.status, status);
    assert.equal(res.headers['content-type'], 'text/plain');
    assert.equal(res.body.toString(), body);
  }

  function onlyCapture(): { handshake?: string; responseStatus: number; id: string } {
    const list = fixture.store().list();
    assert.equal(list.length, 1);
    return list[0];
  }

  it('answers Slack url_verification with the challenge as plain text, and labels the capture', async () => {
    const base = await fixture.start();
    assertPlainText(await sendSlack(base), 200, SLACK_CHALLENGE);
    const summary = onlyCapture();
    assert.equal(summary.handshake, 'slack-url-verification');
    assert.equal(summary.responseStatus, 200);
    assert.equal(Buffer.from((await fixture.store().readBody(summary.id))!).toString(), slackBody, 'the request is kept byte-exact');
  });

  it('answers a Meta subscription check with hub.challenge as plain text when no verify token is set', async () => {
    const base = await fixture.start();
    assertPlainText(await sendMeta(base, 'anything'), 200, '1158201444');
    assert.equal(onlyCapture().handshake, 'meta-subscription-verification');
  });

  it('answers a Meta subscription check presenting the configured verify token', async () => {
    const base = await fixture.start({ handshakes: { enabled: true, metaVerifyToken: 'my-token' } });
    assertPlainText(await sendMeta(base, 'my-token'), 200, '1158201444');
  });

  it('refuses a Meta subscription check with another verify token: 403, recorded and labelled', async () => {
    const base = await fixture.start({ handshakes: { enabled: true, metaVerifyToken: 'my-token' } });
    const res = await sendMeta(base, 'my-token-but-longer');
    assert.equal(res.status, 403);
    assert.ok(!res.body.toString().includes('1158201444'), 'the challenge is not echoed');
    const summary = onlyCapture();
    assert.equal(summary.handshake, 'meta-subscription-verification');
    assert.equal(summary.responseStatus, 403);
    const missing = await send(`${base}/meta?hub.mode=subscribe&hub.challenge=1`, { method: 'GET' });
    assert.equal(missing.status, 403, 'no token at all is refused too');
  });

  it('answers Twitch webhook_callback_verification with the raw challenge as text/plain', async () => {
    const base = await fixture.start();
    assertPlainText(await sendTwitch(base), 200, TWITCH_CHALLENGE);
    assert.equal(onlyCapture().handshake, 'twitch-callback-verification');
  });

  it('answers a Twitch verification whose subscription is larger than an unannounced handshake may be', async () => {
    const base = await fixture.start();
    const body = JSON.stringify({ challenge: TWITCH_CHALLENGE, subscription: { condition: { broadcaster_user_id: '1'.repeat(3_000) } } });
    assertPlainText(await send(`${base}/twitch`, { body, headers: twitchHeaders }), 200, TWITCH_CHALLENGE);
  });

  it("answers Zoom endpoint.url_validation with plainToken and its HMAC-SHA256 under the app's secret token", async () => {
    const asked: string[] = [];
    const secretLookup = async (provider: string) => {
      asked.push(provider);
      return provider === 'zoom' ? ZOOM_SECRET : undefined;
    };
    const base = await fixture.start({ handshakes: { enabled: true, secretLookup } });
    const res = await sendZoom(base);
    assert.equal(res.status, 200);
    assert.equal(res.headers['content-type'], 'application/json');
    const expected = createHmac('sha256', ZOOM_SECRET).update(ZOOM_PLAIN_TOKEN).digest('hex');
    assert.deepEqual(JSON.parse(res.body.toString()), { plainToken: ZOOM_PLAIN_TOKEN, encryptedToken: expected });
    assert.deepEqual(asked, ['zoom']);
    const summary = onlyCapture();
    assert.equal(summary.handshake, 'zoom-url-validation');
    assert.equal(summary.responseStatus, 200);
  });

  it('answers Zoom without a secret token with a 500 that says what is missing, and warns', async () => {
    const logger = recordingLogger();
    const base = await fixture.start({ handshakes: { enabled: true, secretLookup: async () => undefined } }, logger);
    const res = await sendZoom(base);
    assert.equal(res.status, 500);
    assert.equal(res.headers['content-type'], 'application/json');
    assert.deepEqual(JSON.parse(res.body.toString()), {
      error: 'zoom-secret-token-missing',
      message: 'Set the Zoom secret token in Webhook Workbench to answer endpoint.url_validation.',
    });
    assert.ok(logger.lines.some((l) => l.level === 'warn' && /no Zoom secret token is set/.test(l.message)));
    const summary = onlyCapture();
    assert.equal(summary.handshake, 'zoom-url-validation');
    assert.equal(summary.responseStatus, 500);
  });

  it('answers Zoom with the 500 when the secret lookup fails, and logs the failure', async () => {
    const logger = recordingLogger();
    const secretLookup = async () => {
      throw new Error('SecretStorage is locked');
    };
    const base = await fixture.start({ handshakes: { enabled: true, secretLookup } }, logger);
    assert.equal((await sendZoom(base)).status, 500);
    assert.ok(logger.lines.some((l) => l.level === 'error' && /SecretStorage is locked/.test(l.message)));
  });

  for (const [provider, sendHandshake, label] of [
    ['Slack', sendSlack, 'slack-url-verification'],
    ['Meta', sendMeta, 'meta-subscription-verification'],
    ['Twitch', sendTwitch, 'twitch-callback-verification'],
    ['Zoom', sendZoom, 'zoom-url-validation'],
  ] as const) {
    it(`answers a ${provider} handshake like any delivery when handshakes are off, still labelled`, async () => {
      const base = await fixture.start({ handshakes: { enabled: false, secretLookup: async () => ZOOM_SECRET } });
      const res = await sendHandshake(base);
      assert.equal(res.status, DEFAULT_RESPONSE.status);
      assert.equal(res.body.toString(), DEFAULT_RESPONSE.body);
      const summary = onlyCapture();
      assert.equal(summary.handshake, label);
      assert.equal(summary.responseStatus, DEFAULT_RESPONSE.status);
    });
  }

  it('turns handshakes off and on live', async () => {
    const base = await fixture.start();
    fixture.receiver().updateOptions({ handshakes: { enabled: false } });
    assert.equal((await sendSlack(base)).body.toString(), DEFAULT_RESPONSE.body);
    fixture.receiver().updateOptions({ handshakes: { enabled: true } });
    assert.equal((await sendSlack(base)).body.toString(), SLACK_CHALLENGE);
  });

  it('answers handshakes before the responder and the rules', async () => {
    let responderCalls = 0;
    const options: Partial<ReceiverOptions> = {
      rules: [{ path: '/**', status: 418 }],
      responder: async () => {
        responderCalls += 1;
        return { status: 201, headers: {}, body: 'from responder', delayMs: 0 };
      },
    };
    const base = await fixture.start(options);
    assertPlainText(await sendSlack(base), 200, SLACK_CHALLENGE);
    assertPlainText(await sendTwitch(base), 200, TWITCH_CHALLENGE);
    assert.equal(responderCalls, 0);
  });

  describe('leaves look-alikes alone', () => {
    const lookAlikes: Array<[what: string, url: string, options: Parameters<typeof send>[1]]> = [
      ['a Slack event that mentions url_verification in its text', '/slack', {
        body: JSON.stringify({ type: 'event_callback', challenge: 'x', event: { type: 'message', text: 'type url_verification' } }),
        headers: json,
      }],
      ['a url_verification body sent with GET', '/slack', { method: 'GET', body: slackBody }],
      ['a url_verification body over 1 KiB', '/slack', {
        body: JSON.stringify({ type: 'url_verification', challenge: 'c', padding: 'x'.repeat(1_000) }),
        headers: json,
      }],
      ['a Twitch notification', '/twitch', { body: twitchBody, headers: { ...twitchHeaders, 'Twitch-Eventsub-Message-Type': 'notification' } }],
      ['a Twitch verification without a challenge', '/twitch', { body: '{"subscription":{}}', headers: twitchHeaders }],
      ['a Meta unsubscribe', `/meta?hub.mode=unsubscribe&hub.challenge=1`, { method: 'GET' }],
      ['a Meta subscribe without a challenge', `/meta?hub.mode=subscribe&hub.verify_token=t`, { method: 'GET' }],
      ['a Meta query posted instead of fetched', `/meta${metaQuery('t')}`, { body: '' }],
      ['a Zoom event of another kind', '/zoom', { body: JSON.stringify({ event: 'meeting.started', payload: { plainToken: 'x' } }), headers: json }],
      ['a Zoom validation without a plainToken', '/zoom', { body: JSON.stringify({ event: 'endpoint.url_validation', payload: {} }), headers: json }],
      ['broken JSON carrying the marker', '/slack', { body: '{"type":"url_verification","challenge":', headers: json }],
    ];
    for (const [what, url, options] of lookAlikes) {
      it(what, async () => {
        const base = await fixture.start({ handshakes: { enabled: true, secretLookup: async () => ZOOM_SECRET } });
        const res = await send(`${base}${url}`, options);
        assert.equal(res.status, DEFAULT_RESPONSE.status);
        assert.equal(res.body.toString(), DEFAULT_RESPONSE.body);
        assert.equal(onlyCapture().handshake, undefined);
      });
    }
  });

  it('keeps the handshake label across a store reopen', async () => {
    const base = await fixture.start({ handshakes: { enabled: true, secretLookup: async () => ZOOM_SECRET } });
    await sendSlack(base);
    await sendZoom(base);
    await send(`${base}/plain`, { body: '{}' });
    const store = await fixture.reopenStore();
    assert.deepEqual(store.list().map((s) => s.handshake), ['slack-url-verification', 'zoom-url-validation', undefined]);
    const zoom = await store.read(store.list()[1].id);
    assert.equal(zoom!.handshake, 'zoom-url-validation');
    assert.equal(zoom!.responseStatus, 200);
  });
});
