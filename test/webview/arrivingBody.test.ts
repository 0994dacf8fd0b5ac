import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { bodyInParts, FIRST_PART_BYTES } from '../../src/host/panels/bodyParts';
import type { CaptureSnapshot, HostMessage } from '../../src/shared/protocol';
import type { PayloadViewPage } from '../support/payloadViewPage';
import { captureView } from './captures';
import { openPayloadView } from './rootHooks';
import { selectTab, visiblePanel } from './viewLocators';

/** A JSON list of about `megabytes` MB on one line, its last order's city the needle. */
function bigList(megabytes: number): { text: string; count: number } {
  const orders: unknown[] = [];
  let size = 0;
  while (size < megabytes * 1024 * 1024) {
    const order = { id: `ord_${orders.length}`, amount: orders.length * 7, customer: { name: `Customer ${orders.length}`, address: { city: 'Springfield' } } };
    size += JSON.stringify(order).length + 1;
    orders.push(order);
  }
  (orders[orders.length - 1] as { customer: { address: { city: string } } }).customer.address.city = 'Lastville';
  return { text: JSON.stringify({ object: 'list', marker: 'first-screen', data: orders, last_key: 'the end' }), count: orders.length };
}

/** The messages the host posts for a capture with this body, split as the host splits it. */
function hostMessages(body: Buffer, overrides: Partial<CaptureSnapshot> = {}): { show: HostMessage; parts: HostMessage[] } {
  const { body: first, parts } = bodyInParts('big-1', body);
  assert.equal(first.encoding, 'head', 'large enough to be sent in parts');
  return { show: { type: 'showCapture', capture: captureView({ id: 'big-1', bodySize: body.length, ...overrides, body: first }) }, parts };
}

async function postAll(view: PayloadViewPage, messages: HostMessage[]): Promise<void> {
  for (const message of messages) await view.post(message);
}

/** The Raw tab's text is exactly `text`: same length and SHA-256 (a 5 MB string need not cross to the page). */
async function rawIsExactly(view: PayloadViewPage, text: string): Promise<void> {
  await selectTab(view.page, 'raw');
  await view.page.locator('.tab-panel[data-tab="raw"] .raw-text[data-complete="true"]').waitFor();
  const raw = visiblePanel(view.page, 'raw').locator('.raw-text');
  const shown = await raw.evaluate(async (pre) => {
    const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(pre.textContent));
    return { length: pre.textContent.length, sha256: Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('') };
  });
  assert.deepEqual(shown, { length: text.length, sha256: createHash('sha256').update(text).digest('hex') }, 'every character, in order');
}

describe('payload view: a large body arriving in parts', () => {
  let view: PayloadViewPage;
  beforeEach(async () => {
    view = await openPayloadView();
  });
  afterEach(async () => {
    await view.close();
  });

  it('shows the first rows of a 5 MB JSON body from its first part, then the whole document once the rest is in', async function () {
    // A hang guard for 5 MB crossing to Chromium twice on a loaded machine, not a timing check.
    this.timeout(90_000);
    const { text, count } = bigList(5);
    const { show, parts } = hostMessages(Buffer.from(text));
    await view.post(show);

    // Only the first part is here: its whole members, said to be a part, nothing to search yet.
    await view.page.locator('.json-row', { hasText: 'first-screen' }).waitFor();
    await view.page.locator('.arriving-note', { hasText: `${(FIRST_PART_BYTES / 1024).toFixed(1)} KB of 5.0 MB` }).waitFor();
    const dataRow = view.page.locator('.json-row').filter({ has: view.page.locator('.json-key', { hasText: /^data$/ }) });
    assert.match((await dataRow.locator('.json-summary').textContent())!, /^\[ \d+ items so far, more arriving \]$/);
    assert.equal(await dataRow.locator('.copy-value').count(), 0, 'no copy of a value cut short');
    assert.ok(await view.page.locator('.search-input').isDisabled());
    assert.equal(await view.page.locator('.json-key', { hasText: 'last_key' }).count(), 0);

    await postAll(view, parts);
    await view.page.locator('.json-row', { hasText: 'the end' }).waitFor();
    assert.equal(await view.page.locator('.arriving-note').count(), 0);
    assert.equal(await dataRow.locator('.json-summary').textContent(), `[ ${count} items ]`);
    assert.equal(await view.page.locator('.json-more').textContent(), `Show 100 more (${count - 100} not shown)`);
    const input = view.page.locator('.search-input');
    assert.ok(await input.isEnabled());
    await input.fill('lastville');
    await input.press('Enter');
    await view.page.locator('.search-count', { hasText: /^1 of 1$/ }).waitFor();
    assert.equal(await view.page.locator('.current-match .json-value').textContent(), '"Lastville"');
    await rawIsExactly(view, text);
  });

  it('keeps the tab and scroll the user chose while the body arrived', async () => {
    const { text } = bigList(1);
    const { show, parts } = hostMessages(Buffer.from(text));
    await view.post(show);
    await view.page.locator('.json-row', { hasText: 'first-screen' }).waitFor();
    await selectTab(view.page, 'raw');
    await visiblePanel(view.page, 'raw').locator('.arriving-note').waitFor();
    await postAll(view, parts);
    await rawIsExactly(view, text);
    assert.equal(await view.page.locator('button.tab[aria-selected="true"]').getAttribute('data-tab'), 'raw');
  });

  it('puts a character cut between two parts back whole', async () => {
    // "é" is two bytes: the first part ends between them, and so does the next one.
    const filler = (n: number) => 'x'.repeat(n);
    const text = `{"a":"${filler(FIRST_PART_BYTES - 7)}é","b":"${filler(1024 * 1024 - 9)}é✓","c":"${filler(300 * 1024)}"}`;
    const body = Buffer.from(text);
    assert.equal(body[FIRST_PART_BYTES - 1], 0xc3, 'the first part ends inside "é"');
    assert.equal(body[FIRST_PART_BYTES + 1024 * 1024 - 1], 0xc3, 'the second part ends inside "é"');
    const { show, parts } = hostMessages(body);
    await view.post(show);
    await view.page.locator('.arriving-note').waitFor();
    await postAll(view, parts);
    await view.page.locator('.json-key', { hasText: /^c$/ }).waitFor();
    await rawIsExactly(view, text);
  });

  it('shows a body that is not valid JSON raw with the parser message once all of it is in', async () => {
    const text = `{"items":[${Array.from({ length: 60_000 }, (_, i) => `{"n":${i}}`).join(',')},oops]}`;
    const { show, parts } = hostMessages(Buffer.from(text));
    await view.post(show);
    await view.page.locator('.json-row', { hasText: /^.*items.*so far/ }).waitFor();
    await postAll(view, parts);
    await view.page.locator('.parse-error').waitFor();
    assert.equal(await view.page.locator('.json-tree').count(), 0, 'no tree for a body that does not parse');
    await rawIsExactly(view, text);
  });

  it('shows a body that is not UTF-8 as a hex dump once all of it is in', async () => {
    const bytes = Buffer.alloc(700 * 1024, 0xab);
    bytes[0] = 0xff;
    const { show, parts } = hostMessages(bytes, { contentType: 'application/octet-stream' });
    await view.post(show);
    await view.page.locator('.arriving-note').waitFor();
    assert.equal(await view.page.locator('.json-tree').count(), 0);
    await postAll(view, parts);
    const line = view.page.locator('.tab-panel[data-tab="body"] .hex-line').first();
    await line.waitFor();
    assert.match((await line.locator('span').nth(1).textContent())!, /^ff ab ab ab/);
    assert.equal(await view.page.locator('.hex-dump .body-note').textContent(), 'Binary body, 700.0 KB: hex dump');
  });

  it('drops the parts of a capture that is no longer on screen', async () => {
    const { text } = bigList(1);
    const { show, parts } = hostMessages(Buffer.from(text));
    await view.post(show);
    await view.page.locator('.json-row', { hasText: 'first-screen' }).waitFor();
    await view.post({ type: 'showCapture', capture: captureView() });
    await view.page.locator('.json-key', { hasText: 'pending_webhooks' }).waitFor();
    await postAll(view, parts);
    await view.post({ type: 'updateSignature', captureId: 'nothing', signature: captureView().signature });
    assert.equal(await view.page.locator('.json-key', { hasText: 'pending_webhooks' }).count(), 1, 'the capture shown last stays');
    assert.equal(await view.page.locator('.json-row', { hasText: 'first-screen' }).count(), 0);
    assert.deepEqual((await view.posted()).filter((m) => m.type === 'error'), []);
  });
});
