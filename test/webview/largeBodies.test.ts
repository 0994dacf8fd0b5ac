import * as assert from 'node:assert/strict';
import type { PayloadViewPage } from '../support/payloadViewPage';
import { captureView } from './captures';
import { openPayloadView } from './rootHooks';
import { selectTab, visiblePanel } from './viewLocators';

/** The body as the host sends it: the raw bytes in a plain Uint8Array. */
function bytesOf(text: string | Buffer): Uint8Array {
  return new Uint8Array(typeof text === 'string' ? Buffer.from(text, 'utf8') : text);
}

/** A JSON body of about `megabytes` MB, one line, with a needle deep inside it. */
function bigOrders(megabytes: number): { text: string; count: number; needleAt: number } {
  const orders: unknown[] = [];
  let size = 0;
  while (size < megabytes * 1024 * 1024) {
    const order = { id: `ord_${orders.length}`, amount: orders.length * 7, customer: { name: `Customer ${orders.length}`, address: { city: 'Springfield', lines: ['1 Main St', 'Floor 2'] } } };
    size += JSON.stringify(order).length + 1;
    orders.push(order);
  }
  const needleAt = Math.floor(orders.length * 0.9);
  (orders[needleAt] as { customer: { address: { city: string } } }).customer.address.city = 'Needleton';
  return { text: JSON.stringify({ object: 'list', data: orders }), count: orders.length, needleAt };
}

describe('payload view: bodies sent as bytes, big bodies, long raw text', () => {
  let view: PayloadViewPage;
  beforeEach(async () => {
    view = await openPayloadView();
  });
  afterEach(async () => {
    await view.close();
  });

  it('shows a UTF-8 body sent as bytes as JSON, and saves it as text with the view state', async () => {
    const text = JSON.stringify({ type: 'invoice.paid', note: 'héllo ✓' });
    await view.post({ type: 'showCapture', capture: captureView({ body: { encoding: 'bytes', bytes: bytesOf(text) }, bodySize: Buffer.byteLength(text) }) });
    await view.page.locator('.json-value', { hasText: 'héllo ✓' }).waitFor();
    const state = await view.page.evaluate<{ capture: { body: unknown } }>('window.__state');
    assert.deepEqual(state.capture.body, { encoding: 'utf8', text });
    await selectTab(view.page, 'raw');
    assert.equal(await visiblePanel(view.page, 'raw').locator('.raw-text').textContent(), text);
  });

  it('shows bytes that are not UTF-8 as a hex dump, and saves them as base64', async () => {
    const bytes = Buffer.from([0x50, 0x4b, 0x03, 0x04, 0xff, 0xfe, 0x00, 0x80]);
    await view.post({ type: 'showCapture', capture: captureView({ contentType: 'application/octet-stream', body: { encoding: 'bytes', bytes: bytesOf(bytes) }, bodySize: bytes.length }) });
    const line = view.page.locator('.tab-panel[data-tab="body"] .hex-line').first();
    await line.waitFor();
    assert.deepEqual(await line.locator('span').allTextContents(), ['00000000', '50 4b 03 04 ff fe 00 80                         ', 'PK......']);
    const state = await view.page.evaluate<{ capture: { body: unknown } }>('window.__state');
    assert.deepEqual(state.capture.body, { encoding: 'base64', data: bytes.toString('base64') });
  });

  it('drops a capture whose bytes are not a typed array, and says so to the host', async () => {
    await view.post({ type: 'showCapture', capture: { ...captureView(), body: { encoding: 'bytes', bytes: [123, 125] } } });
    await view.waitForPosted('error', 1);
    const error = (await view.posted()).find((m) => m.type === 'error');
    assert.match(String(error?.message), /Ignored an invalid message from the host: type "showCapture"/);
    assert.equal(await view.page.locator('.payload-view').count(), 0);
  });

  it('opens a 5 MB JSON body sent as bytes with only its first rows rendered, and search reveals a match deep inside it', async () => {
    const { text, count, needleAt } = bigOrders(5);
    await view.post({ type: 'showCapture', capture: captureView({ body: { encoding: 'bytes', bytes: bytesOf(text) }, bodySize: text.length }) });
    const more = view.page.locator('.json-more');
    await more.waitFor();
    assert.equal(await more.textContent(), `Show 100 more (${count - 100} not shown)`);
    assert.ok((await view.page.locator('.json-row').count()) < 150, 'the first screen, not the whole payload');
    assert.equal(await view.page.locator('.json-value', { hasText: 'Needleton' }).count(), 0, 'not rendered yet');
    const input = view.page.locator('.search-input');
    await input.fill('needleton');
    await input.press('Enter');
    await view.page.locator('.search-count', { hasText: /^1 of 1$/ }).waitFor();
    const current = view.page.locator('.current-match');
    assert.equal(await current.locator('.json-value').textContent(), '"Needleton"');
    assert.ok(await current.isVisible());
    const expandedOrder = view.page.locator('.json-row[aria-expanded="true"]').filter({ has: view.page.locator('.json-index', { hasText: new RegExp(`^${needleAt}$`) }) });
    assert.equal(await expandedOrder.count(), 1, 'its order was rendered and expanded to reveal it');
    // The ~30,000 rows rendered on the way sit in blocks the browser skips while they are off screen:
    // revealing the match did not lay them all out (it took 7–10 s when it did).
    const blocks = await view.page.evaluate(async () => {
      // What is near the screen is decided at the next frame.
      await new Promise((painted) => requestAnimationFrame(() => requestAnimationFrame(painted)));
      return Array.from((globalThis as unknown as { document: Document }).document.querySelectorAll('.json-chunk'), (b) => b.firstElementChild!.checkVisibility({ contentVisibilityAuto: true }));
    });
    assert.ok(blocks.length > 250, `rows in blocks: ${blocks.length}`);
    assert.equal(blocks[0], false, 'the rows of the first block, far above the match, are skipped');
    assert.ok(blocks.filter((laidOut) => laidOut).length <= 3, 'only the blocks at the match are laid out');
    assert.equal(await view.page.evaluate('window.__state && window.__state.capture'), undefined, 'too big to save with the state');
  });

  it('shows a 5 MB one-line body whole in Raw: the end is reached by scrolling and by find, select all copies every character', async () => {
    const { text } = bigOrders(5);
    const ending = text.slice(-200);
    await view.post({ type: 'showCapture', capture: captureView({ body: { encoding: 'bytes', bytes: bytesOf(text) }, bodySize: text.length }) });
    await view.page.locator('.json-more').waitFor();
    await selectTab(view.page, 'raw');
    const raw = visiblePanel(view.page, 'raw').locator('.raw-text');
    await view.page.locator('.tab-panel[data-tab="raw"] .raw-text[data-complete="true"]').waitFor();
    assert.equal(await raw.evaluate((pre) => pre.textContent.length), text.length);
    assert.ok(await raw.evaluate((pre, expected) => pre.textContent === expected, text), 'every character, in order');

    // Scrolled to the bottom, the last block is on screen and laid out with the body's last characters.
    const last = raw.locator('.raw-block').last();
    await view.page.evaluate(() => {
      const doc = (globalThis as unknown as { document: Document }).document;
      doc.scrollingElement!.scrollTop = doc.scrollingElement!.scrollHeight;
    });
    await last.waitFor({ state: 'visible' });
    const box = (await last.boundingBox())!;
    const viewport = view.page.viewportSize()!;
    assert.ok(box.y < viewport.height && box.y + box.height > 0, `the last block is on screen: ${JSON.stringify(box)}`);
    assert.equal(await last.textContent(), text.slice(Number(await last.getAttribute('data-start'))), 'and holds the end of the body');

    // The browser's find reaches the end of the text, though the blocks before it were never laid out.
    await view.page.evaluate(() => {
      const doc = (globalThis as unknown as { document: Document }).document;
      doc.scrollingElement!.scrollTop = 0;
    });
    const found = await view.page.evaluate((needle) => (globalThis as unknown as { find(text: string): boolean }).find(needle), ending.slice(-40));
    assert.equal(found, true);

    // Select all in the raw text and copy: the whole body.
    const copied = await view.page.evaluate(() => {
      const doc = (globalThis as unknown as { document: Document }).document;
      const pre = doc.querySelector<HTMLElement>('.tab-panel[data-tab="raw"] .raw-text')!;
      const range = doc.createRange();
      range.selectNodeContents(pre);
      doc.getSelection()!.removeAllRanges();
      doc.getSelection()!.addRange(range);
      const data = new DataTransfer();
      pre.dispatchEvent(new ClipboardEvent('copy', { clipboardData: data, bubbles: true, cancelable: true }));
      return data.getData('text/plain');
    });
    assert.equal(copied.length, text.length);
    assert.ok(copied === text, 'the copy is the body');
  });

  it('lays a long raw text out in blocks that add up to every character, and copies a selection across blocks exactly', async () => {
    const line = (n: number) => `{"n":${n},"note":"line ${n} ${'x'.repeat(n % 50)}"}`;
    const lines = Array.from({ length: 4000 }, (_, n) => line(n));
    lines[3] = `a bidi control \u202E here`;
    const longLine = 'y'.repeat(40 * 1024);
    const text = `${lines.join('\n')}\n${longLine}\nend`;
    await view.post({ type: 'showCapture', capture: captureView({ contentType: 'text/plain', body: { encoding: 'utf8', text }, bodySize: text.length }) });
    await selectTab(view.page, 'raw');
    const raw = visiblePanel(view.page, 'raw').locator('.raw-text');
    await view.page.locator('.tab-panel[data-tab="raw"] .raw-text[data-complete="true"]').waitFor();
    const blocks = raw.locator('.raw-block');
    assert.ok((await blocks.count()) > 5, 'in blocks');
    const shown = await raw.textContent();
    assert.equal(shown, text.replace('\u202E', '⟨U+202E⟩'), 'every character, in order, the bidi control made visible');
    assert.equal(await raw.locator('.bidi-control').count(), 1);

    // A selection from inside one block to inside another, then a copy as the browser makes it.
    const copySelection = (from: number, to: number) =>
      view.page.evaluate(([first, last]) => {
        const doc = (globalThis as unknown as { document: Document }).document;
        const all = Array.from(doc.querySelectorAll<HTMLElement>('.tab-panel[data-tab="raw"] .raw-block'));
        const index = first < 0 ? all.findIndex((b, i) => i + 1 < all.length && !b.textContent.endsWith('\n')) : first;
        const range = doc.createRange();
        range.setStart(all[index].firstChild!, 5);
        range.setEnd(all[last < 0 ? index + 1 : last].firstChild!, 7);
        const selection = doc.getSelection()!;
        selection.removeAllRanges();
        selection.addRange(range);
        const data = new DataTransfer();
        all[index].dispatchEvent(new ClipboardEvent('copy', { clipboardData: data, bubbles: true, cancelable: true }));
        return { text: data.getData('text/plain'), from: Number(all[index].dataset.start), to: Number(all[last < 0 ? index + 1 : last].dataset.start), selected: selection.toString() };
      }, [from, to] as const);
    const acrossLines = await copySelection(1, 3);
    assert.equal(acrossLines.text, text.slice(acrossLines.from + 5, acrossLines.to + 7));
    // Inside the 40 KB line, cut into blocks mid-line.
    const midLine = await copySelection(-1, -1);
    assert.equal(midLine.text, text.slice(midLine.from + 5, midLine.to + 7));
    assert.notEqual(midLine.selected, midLine.text, 'the browser alone would put a line break between the blocks');

    // Across the bidi marker: it stands for its one character.
    const withMarker = await view.page.evaluate(() => {
      const doc = (globalThis as unknown as { document: Document }).document;
      const marker = doc.querySelector<HTMLElement>('.tab-panel[data-tab="raw"] .bidi-control')!;
      const range = doc.createRange();
      range.setStart(marker.previousSibling!, 2);
      range.setEnd(marker.nextSibling!, 3);
      doc.getSelection()!.removeAllRanges();
      doc.getSelection()!.addRange(range);
      const data = new DataTransfer();
      marker.dispatchEvent(new ClipboardEvent('copy', { clipboardData: data, bubbles: true, cancelable: true }));
      // The text node before the marker starts where its block does.
      return { text: data.getData('text/plain'), blockStart: Number(marker.closest<HTMLElement>('.raw-block')!.dataset.start) };
    });
    const at = text.indexOf('\u202E');
    assert.equal(withMarker.text, text.slice(withMarker.blockStart + 2, at + 1 + 3));
    assert.ok(withMarker.text.endsWith('\u202E he'), 'the character itself, not its marker');
  });
});
