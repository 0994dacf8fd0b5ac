import * as assert from 'node:assert/strict';
import type { PayloadViewPage } from '../support/payloadViewPage';
import { jsonCapture, STRIPE_EVENT } from './captures';
import { useJsonCaptureView } from './rootHooks';
import { clickRowAction, rowByKey } from './viewLocators';

async function lastPosted(view: PayloadViewPage): Promise<Record<string, unknown>> {
  const posted = await view.posted();
  return posted[posted.length - 1];
}

describe('payload view: JSON tree', () => {
  let view: PayloadViewPage;
  useJsonCaptureView((v) => (view = v));

  // The event has a top-level "object": "event" too; occurrence 1 is data.object.
  it('opens with the root and depth 1 expanded, deeper nodes collapsed and not rendered', async () => {
    assert.equal(await rowByKey(view.page, 'data').getAttribute('aria-expanded'), 'true');
    assert.equal(await rowByKey(view.page, 'object', 1).getAttribute('aria-expanded'), 'false');
    assert.equal(await view.page.locator('.json-key', { hasText: 'amount_paid' }).count(), 0, 'collapsed children are not in the DOM');
    assert.equal(await view.page.locator('.json-row').count(), 8);
  });

  it('expands and collapses a node on click', async () => {
    const object = rowByKey(view.page, 'object', 1);
    await object.click();
    await rowByKey(view.page, 'amount_paid').waitFor();
    assert.equal(await object.getAttribute('aria-expanded'), 'true');
    await object.click();
    await rowByKey(view.page, 'amount_paid').waitFor({ state: 'hidden' });
    assert.equal(await object.getAttribute('aria-expanded'), 'false');
  });

  it('expands all and collapses all', async () => {
    await view.page.locator('.expand-all').click();
    await rowByKey(view.page, 'description').waitFor();
    assert.equal(await view.page.locator('.json-row[aria-expanded="false"]').count(), 0);
    await view.screenshot('valid-badge-nested-tree');
    await view.page.locator('.collapse-all').click();
    await rowByKey(view.page, 'data').waitFor();
    assert.equal(await rowByKey(view.page, 'data').getAttribute('aria-expanded'), 'false');
    assert.equal(await view.page.locator('.json-row:visible').count(), 7, 'the root and its six keys');
  });

  it('colours values by type from the theme', async () => {
    const colour = (selector: string) => view.page.locator(selector).first().evaluate((e) => (globalThis as unknown as { getComputedStyle(e: unknown): { color: string } }).getComputedStyle(e).color);
    assert.equal(await colour('.json-string'), 'rgb(206, 145, 120)');
    assert.equal(await colour('.json-number'), 'rgb(181, 206, 168)');
    assert.equal(await colour('.json-boolean'), 'rgb(78, 148, 206)');
    await rowByKey(view.page, 'object', 1).click();
    assert.equal(await rowByKey(view.page, 'discount').locator('.json-null').textContent(), 'null');
  });

  it('copies a value: strings as they are, subtrees as indented JSON', async () => {
    await clickRowAction(rowByKey(view.page, 'type'), 'copy-value');
    assert.deepEqual(await lastPosted(view), { type: 'copy', text: 'invoice.paid', what: 'value' });
    await clickRowAction(rowByKey(view.page, 'object', 1), 'copy-value');
    assert.deepEqual(await lastPosted(view), { type: 'copy', text: JSON.stringify(STRIPE_EVENT.data.object, null, 2), what: 'value' });
    await clickRowAction(rowByKey(view.page, 'livemode'), 'copy-value');
    assert.deepEqual(await lastPosted(view), { type: 'copy', text: 'false', what: 'value' });
    assert.equal(await rowByKey(view.page, 'amount_paid').count(), 0, 'copying does not toggle the node');
  });

  it('copies JSON paths with dot, bracket and index notation', async () => {
    await clickRowAction(rowByKey(view.page, 'data'), 'copy-path');
    assert.deepEqual(await lastPosted(view), { type: 'copy', text: '$.data', what: 'JSON path' });
    await view.page.locator('.expand-all').click();
    await clickRowAction(rowByKey(view.page, 'content-type'), 'copy-path');
    assert.equal((await lastPosted(view)).text, '$.data.object.metadata["content-type"]');
    await clickRowAction(rowByKey(view.page, 'description'), 'copy-path');
    assert.equal((await lastPosted(view)).text, '$.data.object.lines.data[0].description');
    const secondItem = view.page.locator('.json-row').filter({ has: view.page.locator('.json-index', { hasText: /^1$/ }) });
    await clickRowAction(secondItem, 'copy-path');
    assert.equal((await lastPosted(view)).text, '$.data.object.lines.data[1]');
  });

  it('renders big arrays in chunks behind a "Show N more" row', async () => {
    const items = Array.from({ length: 250 }, (_, i) => ({ n: i }));
    await view.post({ type: 'showCapture', capture: jsonCapture({ items }) });
    const more = view.page.locator('.json-more');
    await more.waitFor();
    assert.equal(await more.textContent(), 'Show 100 more (150 not shown)');
    assert.equal(await view.page.locator('.json-index').count(), 100);
    await more.click();
    assert.equal(await view.page.locator('.json-more').textContent(), 'Show 50 more (50 not shown)');
    await view.page.locator('.json-more').click();
    assert.equal(await view.page.locator('.json-index').count(), 250);
    assert.equal(await view.page.locator('.json-more').count(), 0);
  });

  it('shows a primitive root as one row', async () => {
    await view.post({ type: 'showCapture', capture: jsonCapture('just a string') });
    await view.page.locator('.json-tree .json-string').waitFor();
    assert.equal(await view.page.locator('.json-row').count(), 1);
    assert.equal(await view.page.locator('.json-tree').textContent(), '"just a string"');
  });
});
