import * as assert from 'node:assert/strict';
import type { PayloadViewPage } from '../support/payloadViewPage';
import { jsonCapture } from './captures';
import { useJsonCaptureView } from './rootHooks';

describe('payload view: search', () => {
  let view: PayloadViewPage;
  useJsonCaptureView((v) => (view = v));

  const count = () => view.page.locator('.search-count').textContent();
  const currentHit = () => view.page.locator('mark.current-hit').textContent();

  it('counts keys and values, including inside collapsed nodes, and steps with Enter / Shift+Enter', async () => {
    const input = view.page.locator('.search-input');
    await input.fill('paid');
    await view.page.locator('.search-count', { hasText: /^1 of 4$/ }).waitFor();
    assert.equal(await view.page.locator('.current-match .json-value').textContent(), '"invoice.paid"');
    assert.equal(await currentHit(), 'paid');
    await input.press('Enter');
    assert.equal(await count(), '2 of 4');
    assert.equal(await view.page.locator('.current-match .json-key').textContent(), 'amount_paid', 'revealed inside the collapsed data.object');
    await view.screenshot('search-in-progress');
    await input.press('Enter');
    await input.press('Enter');
    assert.equal(await count(), '4 of 4');
    assert.equal(await view.page.locator('.current-match .json-value').textContent(), '"Paid seat credit"');
    assert.equal(await currentHit(), 'Paid');
    await input.press('Enter');
    assert.equal(await count(), '1 of 4', 'wraps around');
    await input.press('Shift+Enter');
    assert.equal(await count(), '4 of 4');
    await view.page.locator('.search-previous').click();
    assert.equal(await count(), '3 of 4');
    assert.equal(await view.page.locator('.current-match .json-key').textContent(), 'paid');
    assert.ok((await view.page.locator('mark.search-hit').count()) >= 4);
  });

  it('Ctrl+F focuses the search box and Escape clears it', async () => {
    await view.page.locator('.tab[data-tab="headers"]').click();
    await view.page.keyboard.press('Control+f');
    const input = view.page.locator('.search-input');
    assert.ok(await input.evaluate((e) => (globalThis as unknown as { document: { activeElement: unknown } }).document.activeElement === e));
    await view.page.keyboard.type('evt_');
    await view.page.keyboard.press('Enter');
    assert.equal(await count(), '1 of 1');
    await view.page.keyboard.press('Escape');
    assert.equal(await input.inputValue(), '');
    assert.equal(await count(), '');
    assert.equal(await view.page.locator('mark').count(), 0);
    assert.equal(await view.page.locator('.current-match').count(), 0);
  });

  it('says when nothing matches', async () => {
    await view.page.locator('.search-input').fill('no such thing');
    await view.page.locator('.search-input').press('Enter');
    assert.equal(await count(), 'No results');
  });

  it('finds and reveals a match deep in a big array, past the rendered chunk', async () => {
    const orders = Array.from({ length: 3000 }, (_, i) => ({ id: `ord_${i}`, customer: { address: { city: i === 2718 ? 'Needleton' : 'Springfield' } } }));
    await view.post({ type: 'showCapture', capture: jsonCapture({ orders }) });
    await view.page.locator('.json-more').waitFor();
    assert.equal(await view.page.locator('.json-key', { hasText: 'Needleton' }).count(), 0);
    await view.page.locator('.search-input').fill('needleTON');
    await view.page.locator('.search-input').press('Enter');
    assert.equal(await count(), '1 of 1');
    const current = view.page.locator('.current-match');
    assert.equal(await current.locator('.json-value').textContent(), '"Needleton"');
    assert.ok(await current.isVisible());
    assert.equal(await view.page.locator('.json-row[aria-expanded="true"]').filter({ has: view.page.locator('.json-index', { hasText: /^2718$/ }) }).count(), 1);
  });
});
