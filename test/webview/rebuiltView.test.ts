// VS Code rebuilds a webview without retainContextWhenHidden each time its tab is shown again: the
// page starts over with only what it saved through setState. These tests load the real bundle twice,
// the second time with the first page's saved state, as VS Code does.
import * as assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import type { CaptureSnapshot, PayloadViewState } from '../../src/shared/protocol';
import type { PayloadViewPage } from '../support/payloadViewPage';
import { captureView, jsonCapture } from './captures';
import { openPayloadView } from './rootHooks';
import { rowByKey } from './viewLocators';

/** Tall enough to scroll: 60 orders with a nested customer each. */
const ORDERS = { type: 'orders.batch', orders: Array.from({ length: 60 }, (_, i) => ({ id: `ord_${i}`, name: `Customer ${i}`, total: i * 100, address: { city: i === 42 ? 'Needleton' : 'Springfield' } })) };

const scrollTop = (page: Page) => page.evaluate(() => (globalThis as unknown as { document: { scrollingElement: { scrollTop: number } } }).document.scrollingElement.scrollTop);

async function savedState(view: PayloadViewPage): Promise<PayloadViewState> {
  return view.page.evaluate<PayloadViewState>('window.__state');
}

/**
 * Waits until the page has stayed at one scroll position for a while and the saved state has it.
 * One wheel turn can scroll in two steps (seen: 901 px, then 915), and the view saves at most every
 * 100 ms: a state saved after the first step is not yet where the page ends up.
 */
async function scrollSettledAndSaved(view: PayloadViewPage): Promise<void> {
  await view.page.waitForFunction(() => {
    const page = globalThis as unknown as { __state?: { ui?: { scrollTop: number } }; __scrollSeen?: { top: number; since: number }; document: Document };
    const top = page.document.scrollingElement!.scrollTop;
    const now = performance.now();
    if (page.__scrollSeen?.top !== top) page.__scrollSeen = { top, since: now };
    return top > 0 && page.__state?.ui?.scrollTop === top && now - page.__scrollSeen.since >= 300;
  });
}

describe('payload view: rebuilt when its tab is shown again', () => {
  const open: PayloadViewPage[] = [];
  afterEach(async () => {
    for (const view of open.splice(0)) await view.close();
  });
  async function openView(savedState?: unknown): Promise<PayloadViewPage> {
    const view = await openPayloadView({ savedState });
    open.push(view);
    return view;
  }

  /** Shows ORDERS, expands orders[7], searches "Needleton" (which reveals orders[42]) and scrolls to the end. */
  async function leaveAsUserDid(view: PayloadViewPage, capture: CaptureSnapshot): Promise<PayloadViewState> {
    await view.post({ type: 'showCapture', capture });
    await rowByKey(view.page, 'orders').waitFor();
    await view.page.locator('.json-row', { has: view.page.locator('.json-index', { hasText: /^7$/ }) }).first().click();
    await view.page.locator('.json-value', { hasText: '"Customer 7"' }).waitFor();
    await view.page.locator('.search-input').fill('Needleton');
    await view.page.locator('.search-count', { hasText: '1 of 1' }).waitFor();
    await view.page.mouse.wheel(0, 100_000);
    await scrollSettledAndSaved(view);
    return savedState(view);
  }

  it('paints the capture from its saved state before the host answers, as the user left it', async () => {
    const capture = jsonCapture(ORDERS, { id: 'cap_orders' });
    const first = await openView();
    const state = await leaveAsUserDid(first, capture);
    assert.deepEqual(state.capture, capture, 'the capture is saved with the state');
    assert.equal(state.ui!.search, 'Needleton');
    const scrolledTo = await scrollTop(first.page);

    const rebuilt = await openView(state);
    // Nothing posted to it yet: it said ready, and already shows the capture.
    assert.deepEqual(await rebuilt.posted(), [{ type: 'ready' }]);
    await rebuilt.page.locator('.payload-view[data-capture-id="cap_orders"]').waitFor();
    assert.equal(await rebuilt.page.locator('.json-value', { hasText: '"Customer 7"' }).count(), 1, 'orders[7] is still expanded');
    assert.equal(await rebuilt.page.locator('.search-input').inputValue(), 'Needleton');
    assert.equal(await rebuilt.page.locator('.search-count').textContent(), '1 of 1');
    assert.equal(await rebuilt.page.locator('.current-match .json-value').textContent(), '"Needleton"');
    assert.equal(await scrollTop(rebuilt.page), scrolledTo);

    // The host answers ready with the same capture: nothing is reset.
    await rebuilt.post({ type: 'showCapture', capture });
    assert.equal(await rebuilt.page.locator('.json-value', { hasText: '"Customer 7"' }).count(), 1);
    assert.equal(await rebuilt.page.locator('.search-input').inputValue(), 'Needleton');
    assert.equal(await scrollTop(rebuilt.page), scrolledTo);
  });

  it('keeps expansion, search and scroll when the host answers ready with a changed capture', async () => {
    const capture = jsonCapture(ORDERS, { id: 'cap_orders' });
    const first = await openView();
    const state = await leaveAsUserDid(first, capture);
    const rebuilt = await openView(state);
    await rebuilt.page.locator('.payload-view[data-capture-id="cap_orders"]').waitFor();
    await rebuilt.post({ type: 'showCapture', capture: { ...capture, responseStatus: 202 } });
    await rebuilt.page.locator('[data-field="status"]', { hasText: 'answered 202' }).waitFor();
    assert.equal(await rebuilt.page.locator('.json-value', { hasText: '"Customer 7"' }).count(), 1);
    assert.equal(await rebuilt.page.locator('.search-input').inputValue(), 'Needleton');
    assert.ok((await scrollTop(rebuilt.page)) > 0);
  });

  it('shows another capture fresh when the host answers ready with a different one', async () => {
    const first = await openView();
    const state = await leaveAsUserDid(first, jsonCapture(ORDERS, { id: 'cap_orders' }));
    const rebuilt = await openView(state);
    await rebuilt.post({ type: 'showCapture', capture: captureView({ id: 'cap_other' }) });
    await rebuilt.page.locator('.payload-view[data-capture-id="cap_other"]').waitFor();
    assert.equal(await rebuilt.page.locator('.search-input').inputValue(), '');
    assert.equal(await scrollTop(rebuilt.page), 0);
  });

  it('saves no large body: shows a loading note, then restores the UI when the host sends the capture', async () => {
    const big = { ...ORDERS, padding: 'x'.repeat(600 * 1024) };
    const capture = jsonCapture(big, { id: 'cap_big' });
    const first = await openView();
    const state = await leaveAsUserDid(first, capture);
    assert.equal(state.capture, undefined, 'the body is too large to keep in the state');
    assert.equal(state.captureId, 'cap_big');
    assert.equal(state.ui!.search, 'Needleton');

    const rebuilt = await openView(state);
    await rebuilt.page.locator('.loading-note').waitFor();
    await rebuilt.post({ type: 'showCapture', capture });
    await rebuilt.page.locator('.payload-view[data-capture-id="cap_big"] .json-tree').waitFor();
    assert.equal(await rebuilt.page.locator('.json-value', { hasText: '"Customer 7"' }).count(), 1);
    assert.equal(await rebuilt.page.locator('.search-input').inputValue(), 'Needleton');
  });

  /** Scrolls `view` down by `pixels` and waits until the saved state has where the wheel left it. */
  async function scrollAndSave(view: PayloadViewPage, pixels: number): Promise<PayloadViewState> {
    await view.page.mouse.wheel(0, pixels);
    await scrollSettledAndSaved(view);
    return savedState(view);
  }

  /** Rebuilds a view from `state` and checks it comes back at the saved scroll position. */
  async function comesBackAtSamePlace(state: PayloadViewState): Promise<void> {
    const rebuilt = await openView(state);
    await rebuilt.page.locator(`.payload-view[data-capture-id="${state.captureId}"]`).waitFor();
    assert.ok((await rebuilt.page.locator('.json-chunk').count()) >= 1, 'its rows are in blocks');
    // Blocks not laid out yet stand in at an estimated height: the view scrolls again as they are laid out.
    const wanted = state.ui!.scrollTop;
    await rebuilt.page.waitForFunction((top) => (globalThis as unknown as { document: Document }).document.scrollingElement!.scrollTop === top, wanted, { timeout: 10_000 }).catch(() => undefined);
    assert.equal(await scrollTop(rebuilt.page), wanted);
  }

  it('comes back at the same place in a long list, all expanded, whose rows are laid out in blocks', async () => {
    const many = { orders: Array.from({ length: 600 }, (_, i) => ({ id: `ord_${i}`, address: { city: 'Springfield' } })) };
    const first = await openView();
    await first.post({ type: 'showCapture', capture: jsonCapture(many, { id: 'cap_many' }) });
    await first.page.locator('.json-more').click();
    await first.page.locator('.expand-all').click();
    const state = await scrollAndSave(first, 8000);
    assert.ok(state.ui!.scrollTop > 4000, `scrolled well below the first block of rows: ${state.ui!.scrollTop}`);
    await comesBackAtSamePlace(state);
  });

  it('comes back at the same place in a long list of values that wrap over several lines', async () => {
    const lines = { log: Array.from({ length: 300 }, (_, i) => `line ${i}: ${'a long log message that wraps '.repeat(12)}`) };
    const first = await openView();
    await first.post({ type: 'showCapture', capture: jsonCapture(lines, { id: 'cap_log' }) });
    const state = await scrollAndSave(first, 9000);
    assert.ok(state.ui!.scrollTop > 4000, `scrolled past where 100 one-line rows would end: ${state.ui!.scrollTop}`);
    await comesBackAtSamePlace(state);
  });

  it('ignores saved state it cannot trust, and waits for the host', async () => {
    const rebuilt = await openView({ captureId: 'cap_0001', capture: { id: 'cap_0001', method: 'POST' }, ui: { tab: 'body' } });
    await rebuilt.page.locator('.loading-note').waitFor();
    assert.equal(await rebuilt.page.locator('.json-tree').count(), 0);
    await rebuilt.post({ type: 'showCapture', capture: captureView() });
    await rebuilt.page.locator('.payload-view[data-capture-id="cap_0001"] .json-tree').waitFor();
  });

  it('updateForward changes the relay fact in place and keeps expansion, search and scroll', async () => {
    const capture = jsonCapture(ORDERS, { id: 'cap_orders' });
    const view = await openView();
    await leaveAsUserDid(view, capture);
    const scrolledTo = await scrollTop(view.page);
    await view.post({
      type: 'updateForward',
      captureId: 'cap_orders',
      responseStatus: 200,
      forward: { ok: true, status: 204, latencyMs: 7, target: 'http://localhost:3000/hooks', headers: [], bodyExcerpt: '' },
    });
    await view.page.locator('[data-field="forward"]', { hasText: '→ 204 · 7 ms' }).waitFor();
    assert.equal(await view.page.locator('.json-value', { hasText: '"Customer 7"' }).count(), 1);
    assert.equal(await view.page.locator('.search-input').inputValue(), 'Needleton');
    assert.equal(await view.page.locator('.search-count').textContent(), '1 of 1');
    assert.equal(await scrollTop(view.page), scrolledTo);
    assert.equal((await savedState(view)).capture!.forward!.ok, true, 'the saved state has the relay result');

    await view.post({ type: 'updateForward', captureId: 'cap_someone_else', responseStatus: 500 });
    await view.post({ type: 'updateForward', captureId: 'cap_orders', responseStatus: 'teapot' });
    await view.waitForPosted('error', 1);
    assert.equal(await view.page.locator('[data-field="status"]').textContent(), 'answered 200');
  });
});
