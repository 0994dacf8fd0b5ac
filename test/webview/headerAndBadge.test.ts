import * as assert from 'node:assert/strict';
import type { SignatureStatus, SignatureSnapshot } from '../../src/shared/protocol';
import { formatTime } from '../../src/webview/model/formatting';
import type { PayloadViewPage } from '../support/payloadViewPage';
import { captureView } from './captures';
import { openPayloadView } from './rootHooks';

const SIGNATURES: Record<SignatureStatus, { signature: SignatureSnapshot; label: string; icon: string }> = {
  valid: { label: 'Valid signature', icon: 'verified-filled', signature: { status: 'valid', provider: 'github', providerName: 'GitHub', detail: 'The X-Hub-Signature-256 HMAC matches the body and the signing secret.' } },
  invalid: { label: 'Invalid signature', icon: 'error', signature: { status: 'invalid', provider: 'github', providerName: 'GitHub', detail: 'The X-Hub-Signature-256 HMAC does not match: the body or the signing secret differ.' } },
  expired: { label: 'Expired signature', icon: 'history', signature: { status: 'expired', provider: 'stripe', providerName: 'Stripe', detail: 'The signature matches, but it was made 2 hours ago, beyond the 300 s tolerance.', ageSeconds: 7200, toleranceSeconds: 300 } },
  unsigned: { label: 'Unsigned', icon: 'circle-slash', signature: { status: 'unsigned', detail: 'No known signature header was sent.' } },
  'no-secret': { label: 'No signing secret', icon: 'key', signature: { status: 'no-secret', provider: 'stripe', providerName: 'Stripe', detail: 'Signed by Stripe, but no signing secret is set for it.' } },
  malformed: { label: 'Malformed signature', icon: 'warning', signature: { status: 'malformed', provider: 'slack', providerName: 'Slack', detail: 'X-Slack-Signature does not start with v0=.' } },
};

describe('payload view: header strip and signature badge', () => {
  let view: PayloadViewPage;
  beforeEach(async () => {
    view = await openPayloadView();
  });
  afterEach(async () => {
    await view.close();
  });

  it('shows method, URL, time, size, provider, event, delivery id and the duplicate marker', async () => {
    const capture = captureView({ duplicateOf: 'cap_0000', bodySize: 4321 });
    await view.post({ type: 'showCapture', capture });
    const strip = view.page.locator('.header-strip');
    assert.equal(await strip.locator('.method').textContent(), 'POST');
    assert.equal(await strip.locator('.url').textContent(), capture.url);
    assert.equal(await strip.locator('[data-field="time"]').textContent(), formatTime(capture.receivedAt));
    assert.equal(await strip.locator('[data-field="time"]').getAttribute('title'), '2024-06-01T12:00:05.120Z');
    assert.equal(await strip.locator('[data-field="size"]').textContent(), '4.2 KB');
    assert.equal(await strip.locator('[data-field="size"]').getAttribute('title'), '4,321 bytes');
    assert.equal(await strip.locator('[data-field="provider"]').textContent(), 'Stripe');
    assert.equal(await strip.locator('[data-field="event"]').textContent(), 'invoice.paid');
    assert.equal(await strip.locator('[data-field="delivery-id"]').textContent(), 'evt_1Q2w3E');
    assert.equal(await strip.locator('[data-field="duplicate"]').textContent(), 'duplicate of cap_0000');
  });

  it('shows the handshake label and the latest forward result, answered or failed', async () => {
    const forward = { ok: true as const, status: 202, latencyMs: 12.4, target: 'http://localhost:3000/webhooks', headers: [['x-app', '1']] as Array<[string, string]>, bodyExcerpt: 'ok' };
    await view.post({ type: 'showCapture', capture: captureView({ handshake: 'slack-url-verification', forward }) });
    const strip = view.page.locator('.header-strip');
    assert.equal(await strip.locator('[data-field="handshake"]').textContent(), 'handshake: slack-url-verification');
    assert.equal(await strip.locator('[data-field="forward"]').textContent(), '→ 202 · 12 ms');
    assert.equal(await strip.locator('[data-field="forward"]').getAttribute('title'), 'Forwarded to http://localhost:3000/webhooks');
    const failed = { ok: false as const, error: 'ECONNREFUSED', message: 'connect ECONNREFUSED 127.0.0.1:3000', latencyMs: 2, target: 'http://localhost:3000/webhooks' };
    await view.post({ type: 'showCapture', capture: captureView({ id: 'cap_other', forward: failed }) });
    await strip.locator('[data-field="forward"].forward-failed').waitFor();
    assert.equal(await strip.locator('[data-field="forward"]').textContent(), '→ ECONNREFUSED');
    assert.match((await strip.locator('[data-field="forward"]').getAttribute('title'))!, /connect ECONNREFUSED/);
  });

  it('leaves out what a capture does not have, and marks a truncated body', async () => {
    await view.post({ type: 'showCapture', capture: captureView({ provider: undefined, event: undefined, deliveryId: undefined, truncated: true, signature: SIGNATURES.unsigned.signature }) });
    const strip = view.page.locator('.header-strip');
    await strip.waitFor();
    for (const field of ['provider', 'event', 'delivery-id', 'duplicate', 'handshake', 'forward']) assert.equal(await strip.locator(`[data-field="${field}"]`).count(), 0, field);
    assert.match((await strip.locator('[data-field="size"]').textContent())!, /\(truncated\)$/);
  });

  it('says first, in a banner, that a damaged capture may be wrong, and why', async () => {
    const reason = 'Its body fails its checksum: the bytes on disk changed after it was captured.';
    await view.post({ type: 'showCapture', capture: captureView({ damaged: reason }) });
    const banner = view.page.locator('.payload-view > .damaged-banner:first-child');
    await banner.waitFor();
    assert.equal(await banner.getAttribute('role'), 'alert');
    assert.equal(await banner.locator('.damaged-reason').textContent(), reason);
    await view.post({ type: 'showCapture', capture: captureView({ id: 'cap_intact' }) });
    await view.page.locator('.payload-view[data-capture-id="cap_intact"]').waitFor();
    assert.equal(await view.page.locator('.damaged-banner').count(), 0, 'an intact capture has none');
  });

  for (const [status, { signature, label, icon }] of Object.entries(SIGNATURES)) {
    it(`shows a ${status} badge with its icon, label and sentence`, async () => {
      await view.post({ type: 'showCapture', capture: captureView({ signature }) });
      const badge = view.page.locator(`.signature-badge[data-status="${status}"]`);
      await badge.waitFor();
      assert.equal(await badge.locator('.badge-label').textContent(), label);
      assert.equal(await badge.locator('.badge-detail').textContent(), signature.detail);
      assert.equal(await badge.locator(`.badge-icon.codicon-${icon}`).count(), 1);
      assert.equal(await badge.locator('.set-secret').count(), status === 'no-secret' ? 1 : 0);
      const colour = await badge.locator('.badge-title').evaluate((e) => (globalThis as unknown as { getComputedStyle(e: unknown): { color: string } }).getComputedStyle(e).color);
      const expected = { valid: 'rgb(115, 201, 145)', invalid: 'rgb(241, 76, 76)', malformed: 'rgb(248, 81, 73)', expired: 'rgb(204, 167, 0)', 'no-secret': 'rgb(204, 167, 0)', unsigned: 'rgb(157, 157, 157)' }[status];
      assert.equal(colour, expected);
      if (status === 'invalid') await view.screenshot('invalid-badge');
    });
  }

  it('Set Secret… posts setSecret with the provider and capture', async () => {
    await view.post({ type: 'showCapture', capture: captureView({ signature: SIGNATURES['no-secret'].signature }) });
    await view.page.locator('.set-secret').click();
    const posted = await view.posted();
    assert.deepEqual(posted[posted.length - 1], { type: 'setSecret', provider: 'stripe', captureId: 'cap_0001' });
  });

  it('Open Raw posts openRaw with the capture id', async () => {
    await view.post({ type: 'showCapture', capture: captureView() });
    await view.page.locator('.open-raw').click();
    const posted = await view.posted();
    assert.deepEqual(posted[posted.length - 1], { type: 'openRaw', captureId: 'cap_0001' });
  });
});
